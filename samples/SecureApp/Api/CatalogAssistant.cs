using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Cosmos;
using OpenAI.Chat;

namespace SecureApp.Api;

// "Ask the catalog", done right (AZSEC414 stays silent): the model only fills in a typed filter, the app checks its
// values against what the catalog knows and passes them as query parameters; the summary goes back as JSON text,
// which the page encodes when it displays it.
public static class CatalogAssistant
{
    private static readonly HashSet<string> Categories = new(StringComparer.OrdinalIgnoreCase) { "books", "music", "games" };

    public static void MapCatalogAssistant(this WebApplication app)
    {
        app.MapPost("/catalog/ask", async (CatalogQuestion question, ChatClient chat, Container products) =>
        {
            ChatCompletion generated = await chat.CompleteChatAsync(
                [
                    new SystemChatMessage("Extract the category and the highest price the shopper asks for."),
                    new UserChatMessage(question.Text),
                ],
                new ChatCompletionOptions
                {
                    ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(
                        "catalog_filter",
                        BinaryData.FromString("""{"type":"object","properties":{"Category":{"type":"string"},"MaxPrice":{"type":"number"}},"required":["Category","MaxPrice"],"additionalProperties":false}"""),
                        jsonSchemaIsStrict: true),
                });

            var filter = JsonSerializer.Deserialize<CatalogFilter>(generated.Content[0].Text);
            if (filter is null || !Categories.Contains(filter.Category))
            {
                return Results.BadRequest();
            }

            var query = new QueryDefinition("SELECT * FROM c WHERE c.category = @category AND c.price <= @maxPrice")
                .WithParameter("@category", filter.Category)
                .WithParameter("@maxPrice", filter.MaxPrice);
            var matches = new List<JsonElement>();
            using var iterator = products.GetItemQueryIterator<JsonElement>(query);
            while (iterator.HasMoreResults)
            {
                matches.AddRange(await iterator.ReadNextAsync());
            }

            ChatCompletion summary = await chat.CompleteChatAsync(
                new SystemChatMessage("Describe these products to the shopper in two sentences of plain text."),
                new UserChatMessage(JsonSerializer.Serialize(matches)));
            return Results.Ok(new CatalogAnswer(matches, summary.Content[0].Text));
        });
    }
}

public sealed record CatalogQuestion(string Text);

public sealed record CatalogFilter(string Category, decimal MaxPrice);

public sealed record CatalogAnswer(IReadOnlyList<JsonElement> Products, string Summary);
