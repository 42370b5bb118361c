using AzSecAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Identity.KeyBasedClientAuthenticationAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Identity.KeyBasedClientAuthenticationCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Identity;

/// <summary>FIX-TOKEN on Semantic Kernel's apiKey overloads: the credential takes the key's place.</summary>
public partial class KeyBasedClientAuthenticationCodeFixTests
{
    private const string ApiKey = "an API key";

    [Fact]
    public Task SemanticKernel_KernelBuilder_KeyBecomesTheCredential_FixAllSharesOne() => VerifyAsync("""
        #pragma warning disable SKEXP0001, SKEXP0010
        using Microsoft.SemanticKernel;

        class C
        {
            void Build(IKernelBuilder builder, string endpoint, string key)
            {
                builder.AddAzureOpenAIChatCompletion("gpt-4o", endpoint, {|#0:key|});
                builder.AddAzureOpenAIEmbeddingGenerator("text-embedding-3-small", endpoint, {|#1:key|}, serviceId: "embeddings");
            }
        }
        """, new[] { Expected(0, "AddAzureOpenAIChatCompletion", ApiKey), Expected(1, "AddAzureOpenAIEmbeddingGenerator", ApiKey) }, """
        #pragma warning disable SKEXP0001, SKEXP0010
        using Azure.Identity;
        using Microsoft.SemanticKernel;

        class C
        {
            void Build(IKernelBuilder builder, string endpoint, string key)
            {
                builder.AddAzureOpenAIChatCompletion("gpt-4o", endpoint, new DefaultAzureCredential());
                builder.AddAzureOpenAIEmbeddingGenerator("text-embedding-3-small", endpoint, new DefaultAzureCredential(), serviceId: "embeddings");
            }
        }
        """, fixAllIterations: 1, batchFixedSource: """
        #pragma warning disable SKEXP0001, SKEXP0010
        using Azure.Identity;
        using Microsoft.SemanticKernel;

        class C
        {
            void Build(IKernelBuilder builder, string endpoint, string key)
            {
                var credential = new DefaultAzureCredential();
                builder.AddAzureOpenAIChatCompletion("gpt-4o", endpoint, credential);
                builder.AddAzureOpenAIEmbeddingGenerator("text-embedding-3-small", endpoint, credential, serviceId: "embeddings");
            }
        }
        """);

    [Fact]
    public Task SemanticKernel_ServiceCollectionNamedKeyAndServiceConstructor_UseTheCredentialParameterName() => VerifyAsync("""
        using Azure.Core;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.AzureOpenAI;

        class C
        {
            void Configure(IServiceCollection services, string endpoint, string key)
            {
                services.AddAzureOpenAIChatCompletion(deploymentName: "gpt-4o", endpoint: endpoint, apiKey: {|#0:key|});
            }

            object Create(TokenCredential identity, string endpoint, string key) => new AzureOpenAIChatCompletionService("gpt-4o", endpoint, {|#1:key|});
        }
        """, new[] { Expected(0, "AddAzureOpenAIChatCompletion", ApiKey), Expected(1, "AzureOpenAIChatCompletionService", ApiKey) }, """
        using Azure.Core;
        using Azure.Identity;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.AzureOpenAI;

        class C
        {
            void Configure(IServiceCollection services, string endpoint, string key)
            {
                services.AddAzureOpenAIChatCompletion(deploymentName: "gpt-4o", endpoint: endpoint, credentials: new DefaultAzureCredential());
            }

            object Create(TokenCredential identity, string endpoint, string key) => new AzureOpenAIChatCompletionService("gpt-4o", endpoint, identity);
        }
        """);

    [Fact]
    public Task OpenAIClientAgainstAzureEndpoint_NoActionOffered()
    {
        // The OpenAI library's token overload (AuthenticationPolicy) is for evaluation only (OPENAI001): no mechanical fix.
        var source = """
            using System;
            using System.ClientModel;
            using OpenAI.Chat;

            class C
            {
                object Create(string key)
                    => new ChatClient("gpt-4o", {|#0:new ApiKeyCredential(key)|}, new() { Endpoint = new Uri("https://contoso.openai.azure.com/openai/v1/") });
            }
            """;
        return VerifyAsync(source, new[] { Expected(0, "ChatClient", "an API key ('ApiKeyCredential') for an Azure OpenAI endpoint") }, source);
    }
}
