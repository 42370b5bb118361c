namespace AzSecAnalyzers.Tests.Rules.Identity;

/// <summary>AZSEC201 on language-model clients: Semantic Kernel's apiKey overloads, OpenAI clients against an Azure endpoint.</summary>
public partial class KeyBasedClientAuthenticationAnalyzerTests
{
    private const string ApiKey = "an API key";
    private const string AzureEndpointKey = "an API key ('ApiKeyCredential') for an Azure OpenAI endpoint";

    [Fact]
    public Task SemanticKernel_KernelBuilderApiKeyOverloads_Trigger() => VerifyAsync("""
        #pragma warning disable SKEXP0001, SKEXP0010
        using Microsoft.Extensions.Configuration;
        using Microsoft.SemanticKernel;

        class C
        {
            Kernel Build(IConfiguration configuration)
            {
                var endpoint = configuration["AzureOpenAI:Endpoint"]!;
                var key = configuration["AzureOpenAI:ApiKey"]!;
                var builder = Kernel.CreateBuilder();
                builder.AddAzureOpenAIChatCompletion("gpt-4o", endpoint, {|#0:key|});
                builder.AddAzureOpenAIEmbeddingGenerator("text-embedding-3-small", endpoint, {|#1:key|});
                builder.AddAzureOpenAITextToImage("dall-e-3", endpoint, {|#2:key|});
                builder.AddAzureOpenAIChatClient("gpt-4o", endpoint, {|#3:key|});
                builder.AddAzureOpenAIAudioToText("whisper", endpoint, apiKey: {|#4:key|});
                return Kernel.CreateBuilder().AddAzureOpenAIChatCompletion("gpt-4o", "https://contoso.openai.azure.com/", {|#5:configuration["AzureOpenAI:ApiKey"]!|}).Build();
            }
        }
        """,
        Expected(0, "AddAzureOpenAIChatCompletion", ApiKey), Expected(1, "AddAzureOpenAIEmbeddingGenerator", ApiKey),
        Expected(2, "AddAzureOpenAITextToImage", ApiKey), Expected(3, "AddAzureOpenAIChatClient", ApiKey),
        Expected(4, "AddAzureOpenAIAudioToText", ApiKey), Expected(5, "AddAzureOpenAIChatCompletion", ApiKey));

    [Fact]
    public Task SemanticKernel_ServiceCollectionAndServiceConstructors_Trigger() => VerifyAsync("""
        #pragma warning disable SKEXP0001, SKEXP0010
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.AzureOpenAI;

        class C
        {
            void Configure(IServiceCollection services, string endpoint, string key)
            {
                services.AddAzureOpenAIChatCompletion("gpt-4o", endpoint, {|#0:key|});
                services.AddAzureOpenAIEmbeddingGenerator("text-embedding-3-small", endpoint, {|#1:key|});
                services.AddAzureOpenAIChatClient("gpt-4o", endpoint, {|#2:key|});
                _ = new AzureOpenAIChatCompletionService("gpt-4o", endpoint, {|#3:key|});
                _ = new AzureOpenAITextToImageService("dall-e-3", endpoint, {|#4:key|}, modelId: null);
                _ = new AzureOpenAIAudioToTextService("whisper", endpoint, {|#5:key|});
        #pragma warning disable CS0618 // the text-embedding generation service and registration are obsolete, still in use
                _ = new AzureOpenAITextEmbeddingGenerationService("text-embedding-3-small", endpoint, {|#6:key|});
                services.AddAzureOpenAITextEmbeddingGeneration("text-embedding-3-small", endpoint, {|#7:key|});
                _ = new AzureOpenAITextToAudioService("tts", endpoint, {|#8:key|});
            }
        }
        """,
        Expected(0, "AddAzureOpenAIChatCompletion", ApiKey), Expected(1, "AddAzureOpenAIEmbeddingGenerator", ApiKey),
        Expected(2, "AddAzureOpenAIChatClient", ApiKey), Expected(3, "AzureOpenAIChatCompletionService", ApiKey),
        Expected(4, "AzureOpenAITextToImageService", ApiKey), Expected(5, "AzureOpenAIAudioToTextService", ApiKey),
        Expected(6, "AzureOpenAITextEmbeddingGenerationService", ApiKey), Expected(7, "AddAzureOpenAITextEmbeddingGeneration", ApiKey),
        Expected(8, "AzureOpenAITextToAudioService", ApiKey));

    [Fact]
    public Task SemanticKernel_TokenCredentialAndPlainOpenAI_DoNotTrigger() => VerifyAsync("""
        #pragma warning disable SKEXP0001, SKEXP0010
        using Azure.AI.OpenAI;
        using Azure.Core;
        using Azure.Identity;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        class C
        {
            void Configure(IServiceCollection services, TokenCredential credential, AzureOpenAIClient client, string endpoint, string key)
            {
                var builder = Kernel.CreateBuilder();
                builder.AddAzureOpenAIChatCompletion("gpt-4o", endpoint, new DefaultAzureCredential());
                builder.AddAzureOpenAIEmbeddingGenerator("text-embedding-3-small", endpoint, credential);
                builder.AddAzureOpenAIChatCompletion("gpt-4o", client);
                services.AddAzureOpenAIChatCompletion("gpt-4o", endpoint, credential);
                _ = new AzureOpenAIChatCompletionService("gpt-4o", endpoint, credential);
                // OpenAI itself (api.openai.com) has no Microsoft Entra ID option.
                builder.AddOpenAIChatCompletion("gpt-4o", key);
                services.AddOpenAIChatCompletion("gpt-4o", key);
                _ = new OpenAIChatCompletionService("gpt-4o", key);
                builder.AddAzureOpenAIChatCompletion("gpt-4o", endpoint, apiKey: null!);
            }
        }
        """);

    [Fact]
    public Task OpenAIClients_ApiKeyCredentialAgainstAzureEndpoint_Trigger() => VerifyAsync("""
        using System;
        using System.ClientModel;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenAI.Chat;
        using OpenAI.Embeddings;

        class C
        {
            const string Endpoint = "https://contoso.openai.azure.com/openai/v1/";

            void Create(string key)
            {
                _ = new OpenAIClient({|#0:new ApiKeyCredential(key)|}, new OpenAIClientOptions { Endpoint = new Uri("https://contoso.cognitiveservices.azure.com/openai/v1/") });
                var options = new OpenAIClientOptions { Endpoint = new Uri(Endpoint) };
                _ = new ChatClient("gpt-4o", {|#1:new ApiKeyCredential(key)|}, options);
                IChatClient chat = new ChatClient("gpt-4o", {|#2:new ApiKeyCredential(key)|}, new() { Endpoint = new Uri("https://contoso.services.ai.azure.com/openai/v1/") }).AsIChatClient();
                var credential = new ApiKeyCredential(key);
                _ = new EmbeddingClient("text-embedding-3-small", {|#3:credential|}, options).AsIEmbeddingGenerator();
            }
        }
        """,
        Expected(0, "OpenAIClient", AzureEndpointKey), Expected(1, "ChatClient", AzureEndpointKey),
        Expected(2, "ChatClient", AzureEndpointKey), Expected(3, "EmbeddingClient", AzureEndpointKey));

    [Fact]
    public Task OpenAIClients_PlainOpenAIOtherHostsAndTokenPolicy_DoNotTrigger() => VerifyAsync("""
        #pragma warning disable OPENAI001 // the AuthenticationPolicy overloads are marked for evaluation
        using System;
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Azure.Identity;
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            void Create(string key, Uri configuredEndpoint)
            {
                _ = new OpenAIClient(key);
                _ = new OpenAIClient(new ApiKeyCredential(key));
                _ = new ChatClient("gpt-4o", key);
                _ = new ChatClient("gpt-4o", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri("https://api.openai.com/v1") });
                _ = new ChatClient("gpt-4o", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:11434/v1") });
                _ = new ChatClient("gpt-4o", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = configuredEndpoint });
                _ = new ChatClient("gpt-4o", new ApiKeyCredential(key), new OpenAIClientOptions());
                _ = new ChatClient(
                    "gpt-4o",
                    new BearerTokenPolicy(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"),
                    new OpenAIClientOptions { Endpoint = new Uri("https://contoso.openai.azure.com/openai/v1/") });
            }
        }
        """);

    [Fact]
    public Task LookAlike_UserTypeWithApiKeyAndTokenCredentialOverloads_TriggersOnlyWithATwin() => VerifyAsync("""
        using Azure.Core;

        class Connector
        {
            public Connector(string endpoint, string apiKey) { }
            public Connector(string endpoint, TokenCredential credential) { }
            public static void Register(int slot, string apiKey) { }
            public static void Register(string slot, TokenCredential credential) { }
        }

        class C
        {
            void Create(string key)
            {
                _ = new Connector("https://contoso.openai.azure.com/", {|#0:key|});
                // The TokenCredential overload does not take the same leading parameters: not a twin.
                Connector.Register(1, key);
            }
        }
        """, Expected(0, "Connector", ApiKey));
}
