using AzSecAnalyzers.CodeFixes;
using AzSecAnalyzers.Tests.StandIns;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Identity.KeyBasedClientAuthenticationAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Identity.KeyBasedClientAuthenticationCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Identity;

/// <summary>AZSEC201 fix: credential reuse, Fix All, and the cases where no action may be offered.</summary>
public partial class KeyBasedClientAuthenticationCodeFixTests
{
    [Fact]
    public Task TokenCredentialInScope_IsReused() => VerifyAsync("""
        using Azure;
        using Azure.Core;
        using Azure.Search.Documents;
        using Microsoft.Extensions.Configuration;

        class Repository
        {
            private readonly TokenCredential _credential;

            public Repository(TokenCredential credential) => _credential = credential;

            object Create(System.Uri endpoint, string key) => new SearchClient(endpoint, "products", {|#0:new AzureKeyCredential(key)|});
        }
        """, new[] { Expected(0, "SearchClient", "a shared key ('AzureKeyCredential')") }, """
        using Azure;
        using Azure.Core;
        using Azure.Search.Documents;
        using Microsoft.Extensions.Configuration;

        class Repository
        {
            private readonly TokenCredential _credential;

            public Repository(TokenCredential credential) => _credential = credential;

            object Create(System.Uri endpoint, string key) => new SearchClient(endpoint, "products", _credential);
        }
        """);

    [Fact]
    public Task FixAll_AcrossDocuments_OneCredentialPerBlock()
    {
        var test = new Verify.Test { CodeActionEquivalenceKey = EquivalenceKeys.UseDefaultAzureCredential, NumberOfFixAllIterations = 1, NumberOfFixAllInDocumentIterations = 2 };
        test.TestState.Sources.Add(("A.cs", """
            using Azure.Storage.Queues;

            class A
            {
                void Create(string cs)
                {
                    _ = new QueueClient({|#0:"AccountName=contoso;AccountKey=aW52ZW50ZWQ="|}, "a");
                    _ = new QueueClient({|#1:"AccountName=contoso;AccountKey=aW52ZW50ZWQ="|}, "b");
                }
            }
            """));
        test.TestState.Sources.Add(("B.cs", """
            using Azure.Storage.Queues;

            class B
            {
                object Create() => new QueueServiceClient({|#2:"AccountName=contoso;AccountKey=aW52ZW50ZWQ="|});
            }
            """));
        test.FixedState.Sources.Add(("A.cs", """
            using System;
            using Azure.Identity;
            using Azure.Storage.Queues;

            class A
            {
                void Create(string cs)
                {
                    _ = new QueueClient(new Uri("https://contoso.queue.core.windows.net/a"), new DefaultAzureCredential());
                    _ = new QueueClient(new Uri("https://contoso.queue.core.windows.net/b"), new DefaultAzureCredential());
                }
            }
            """));
        test.BatchFixedState.Sources.Add(("A.cs", """
            using System;
            using Azure.Identity;
            using Azure.Storage.Queues;

            class A
            {
                void Create(string cs)
                {
                    var credential = new DefaultAzureCredential();
                    _ = new QueueClient(new Uri("https://contoso.queue.core.windows.net/a"), credential);
                    _ = new QueueClient(new Uri("https://contoso.queue.core.windows.net/b"), credential);
                }
            }
            """));
        foreach (var state in new[] { test.FixedState, test.BatchFixedState })
        {
            state.Sources.Add(("B.cs", """
                using System;
                using Azure.Identity;
                using Azure.Storage.Queues;

                class B
                {
                    object Create() => new QueueServiceClient(new Uri("https://contoso.queue.core.windows.net"), new DefaultAzureCredential());
                }
                """));
        }
        test.ExpectedDiagnostics.AddRange(new[] { Expected(0, "QueueClient"), Expected(1, "QueueClient"), Expected(2, "QueueServiceClient") });
        return test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("\"AccountName=;AccountKey=aW52ZW50ZWQ=\"")]
    [InlineData("\"not a connection string\"")]
    [InlineData("\"DefaultEndpointsProtocol=http;AccountName=contoso;AccountKey=aW52ZW50ZWQ=\"")]
    [InlineData("\"BlobEndpoint=https://contoso.blob.core.windows.net/?sv=1\"")]
    [InlineData("System.Environment.GetEnvironmentVariable(\"STORAGE\")")]
    [InlineData("configuration[\"StorageKeys\"]")]
    public Task EndpointCannotBeDerived_NoActionOffered(string value)
    {
        var source = $$"""
            using Azure.Storage.Blobs;
            using Microsoft.Extensions.Configuration;

            class C
            {
                object Create(IConfiguration configuration) => new BlobServiceClient({|#0:{{value}}|});
            }
            """;
        return VerifyAsync(source, new[] { Expected(0, "BlobServiceClient") }, source);
    }

    [Fact]
    public Task EventHubWithoutName_NoActionOffered()
    {
        var source = """
            using Azure.Messaging.EventHubs.Producer;

            class C
            {
                object Create() => new EventHubProducerClient({|#0:"Endpoint=sb://contoso-hub.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=aW52ZW50ZWQ="|});
            }
            """;
        return VerifyAsync(source, new[] { Expected(0, "EventHubProducerClient") }, source);
    }

    [Fact]
    public Task Registration_NoActionOffered()
    {
        var source = """
            using Microsoft.Extensions.Azure;
            using Microsoft.Extensions.DependencyInjection;

            class C
            {
                void Configure(IServiceCollection services, string cs) => services.AddAzureClients(b => b.AddBlobServiceClient({|#0:cs|}));
            }
            """;
        return VerifyAsync(source, new[] { Expected(0, "AddBlobServiceClient") }, source);
    }

    [Fact]
    public Task ShareClientWithSharedKeyCredential_NoActionOffered()
    {
        var source = """
            using System;
            using Azure.Storage;
            using Azure.Storage.Files.Shares;

            class C
            {
                object Create(string key) => new ShareServiceClient(new Uri("https://contoso.file.core.windows.net"), {|#0:new StorageSharedKeyCredential("contoso", key)|});
            }
            """;
        return VerifyAsync(source, new[] { Expected(0, "ShareServiceClient", "a shared key ('StorageSharedKeyCredential')") }, source);
    }
}
