using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenAI.Chat;

namespace SecureApp.Api;

// "Ask the catalog", the system-prompt half done right (AZSEC415): the system prompt is chosen from a list of known
// tenants, and what the caller writes travels as a user message.
public static class CatalogPrompt
{
    private static readonly Dictionary<string, string> TenantPrompts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["contoso"] = "You are the catalog assistant of Contoso. Answer only about its products.",
        ["fabrikam"] = "You are the catalog assistant of Fabrikam. Answer only about its products.",
    };

    public static void MapCatalogPrompt(this WebApplication app)
    {
        app.MapGet("/tenants/{tenant}/catalog/ask", async (string tenant, string question, ChatClient chat) =>
        {
            if (!TenantPrompts.TryGetValue(tenant, out var prompt))
            {
                return Results.NotFound();
            }

            var messages = new List<ChatMessage>();
            messages.Add(new SystemChatMessage(prompt));
            messages.Add(new UserChatMessage(question));
            ChatCompletion answer = await chat.CompleteChatAsync(messages);
            return Results.Ok(answer.Content[0].Text);
        });
    }
}
