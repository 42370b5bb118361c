namespace AzSecAnalyzers.Tests.Rules.Identity;

/// <summary>AZSEC201's exemptions from real code: emulator values however they travel, configurable factories.</summary>
public partial class KeyBasedClientAuthenticationAnalyzerTests
{
    private const string AzuriteConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    [Fact]
    public Task EmulatorValues_ThroughLocalsFieldsAndProperties_DoNotTrigger() => VerifyAsync($$"""
        using System;
        using Azure.Data.Tables;
        using Azure.Storage;
        using Azure.Storage.Blobs;
        using Azure.Storage.Queues;
        using Microsoft.Extensions.Azure;
        using Microsoft.Extensions.DependencyInjection;

        class C
        {
            const string LocalStorage = "UseDevelopmentStorage=true";
            private static readonly string Azurite = "{{AzuriteConnectionString}}";
            private string _queues = "UseDevelopmentStorage=true";
            string Tables { get; } = "UseDevelopmentStorage=true";

            void Create(bool inContainer, IServiceCollection services, string key)
            {
                var connectionString = "UseDevelopmentStorage=true";
                _ = new BlobServiceClient(connectionString);
                _ = new BlobServiceClient(Azurite);
                _ = new QueueServiceClient(_queues);
                _ = new TableServiceClient(Tables);
                string either = inContainer ? "UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://azurite" : LocalStorage;
                _ = new BlobContainerClient(either, "receipts");
                services.AddAzureClients(clients => clients.AddBlobServiceClient(connectionString));
                var account = "devstoreaccount1";
                var endpoint = "http://127.0.0.1:10000/devstoreaccount1";
                _ = new BlobServiceClient(new Uri(endpoint), new StorageSharedKeyCredential(account, key));
            }
        }
        """);

    [Fact]
    public Task EmulatorValueThatCanBeReplaced_Triggers() => VerifyAsync("""
        using Azure.Storage.Blobs;
        using Microsoft.Extensions.Configuration;

        class Settings
        {
            // Bound from configuration: production sets the real connection string.
            public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";
        }

        class C
        {
            public string Shared = "UseDevelopmentStorage=true";

            void Create(bool local, IConfiguration configuration, Settings settings)
            {
                var connectionString = "UseDevelopmentStorage=true";
                if (!local)
                {
                    connectionString = configuration["Storage:ConnectionString"];
                }

                _ = new BlobServiceClient({|#0:connectionString|});
                _ = new BlobServiceClient({|#1:settings.ConnectionString|});
                _ = new BlobServiceClient({|#2:Shared|});
            }
        }
        """, Expected(0, "BlobServiceClient"), Expected(1, "BlobServiceClient"), Expected(2, "BlobServiceClient"));

    [Fact]
    public Task ConfigurableFactory_KeyAndTokenBranches_DoNotTrigger() => VerifyAsync("""
        #pragma warning disable SKEXP0001, SKEXP0010
        using System;
        using Azure;
        using Azure.AI.OpenAI;
        using Azure.Core;
        using Azure.Identity;
        using Azure.Storage.Blobs;
        using Microsoft.SemanticKernel;

        enum AuthMode { ConnectionString, ManagedIdentity }

        class ClientFactory
        {
            BlobServiceClient Blobs(AuthMode mode, string connectionString, Uri serviceUri, TokenCredential credential)
            {
                switch (mode)
                {
                    case AuthMode.ConnectionString:
                        return new BlobServiceClient(connectionString);
                    default:
                        return new BlobServiceClient(serviceUri, credential);
                }
            }

            AzureOpenAIClient OpenAI(string mode, Uri endpoint, string key)
                => mode == "Key"
                    ? new AzureOpenAIClient(endpoint, new AzureKeyCredential(key))
                    : new AzureOpenAIClient(endpoint, new DefaultAzureCredential());

            IKernelBuilder Kernel(IKernelBuilder builder, AuthMode mode, string endpoint, string? key) => mode switch
            {
                AuthMode.ConnectionString => builder.AddAzureOpenAIChatCompletion("gpt-4o", endpoint, key!),
                _ => builder.AddAzureOpenAIChatCompletion("gpt-4o", endpoint, new DefaultAzureCredential()),
            };

            void Embeddings(IKernelBuilder builder, string endpoint, string? key)
            {
                if (string.IsNullOrEmpty(key))
                {
                    builder.AddAzureOpenAIEmbeddingGenerator("text-embedding-3-small", endpoint, new DefaultAzureCredential());
                }
                else
                {
                    builder.AddAzureOpenAIEmbeddingGenerator("text-embedding-3-small", endpoint, key);
                }
            }
        }
        """);

    [Fact]
    public Task ConfigurableFactory_KeyOnlyWhenConfigured_DoesNotTrigger() => VerifyAsync("""
        using Azure.Identity;
        using Microsoft.Azure.Cosmos;

        class CosmosFactory
        {
            // Entra ID unless the app configures a key (local development): both modes are offered.
            CosmosClient Create(string endpoint, string? key, CosmosClientOptions options)
                => string.IsNullOrEmpty(key)
                    ? new CosmosClient(endpoint, new DefaultAzureCredential(), options)
                    : new CosmosClient(endpoint, key, options);

            CosmosClient CreateWithIf(string endpoint, string? key)
            {
                if (key is null)
                {
                    return new CosmosClient(endpoint, new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned));
                }

                return new CosmosClient(endpoint, key);
            }
        }
        """);

    [Fact]
    public Task KeyOnlyBranches_Trigger() => VerifyAsync("""
        using System;
        using Azure.Core;
        using Azure.Messaging.ServiceBus;
        using Azure.Storage.Blobs;

        class ClientFactory
        {
            // Only a key in the branch, nothing with a TokenCredential: not a choice of modes.
            BlobServiceClient? Blobs(bool enabled, string connectionString)
            {
                if (enabled)
                {
                    return new BlobServiceClient({|#0:connectionString|});
                }

                return null;
            }

            // The token branch builds another client: the blob client is key-only.
            object Create(bool blobs, string connectionString, TokenCredential credential)
                => blobs ? new BlobServiceClient({|#1:connectionString|}) : new ServiceBusClient("contoso.servicebus.windows.net", credential);

            // Both constructions in one straight line: no branch offers the choice.
            void Both(string connectionString, Uri uri, TokenCredential credential)
            {
                _ = new BlobServiceClient({|#2:connectionString|});
                _ = new BlobServiceClient(uri, credential);
            }
        }
        """, Expected(0, "BlobServiceClient"), Expected(1, "BlobServiceClient"), Expected(2, "BlobServiceClient"));
}
