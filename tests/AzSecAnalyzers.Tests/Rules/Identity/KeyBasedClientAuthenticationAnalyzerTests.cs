using AzSecAnalyzers.Rules.Identity;
using AzSecAnalyzers.Tests.StandIns;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Identity.KeyBasedClientAuthenticationAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Identity;

public partial class KeyBasedClientAuthenticationAnalyzerTests
{
    // Invented values of the right shape; no real account.
    private const string StorageKey = "AccountKey=c3RvcmFnZS1rZXktZm9yLXRlc3RzLW9ubHktbm90LWEtcmVhbC1rZXktMDAwMDAwMDAwMDAwMDA=";
    private const string ConnectionString = "a connection string";

    private static DiagnosticResult Expected(int location, string api, string what = ConnectionString)
        => Verify.Diagnostic(Descriptors.AZSEC201_KeyBasedClientAuthentication).WithLocation(location).WithArguments($"'{api}'", what);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, Array.Empty<string>(), expected);

    private static Task VerifyAsync(string source, string[] extraSources, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        test.TestState.Sources.AddRange(extraSources.Select((s, i) => ($"StandIn{i}.cs", Microsoft.CodeAnalysis.Text.SourceText.From(s))));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("BlobServiceClient", "")]
    [InlineData("BlobContainerClient", ", \"receipts\"")]
    [InlineData("BlobClient", ", \"receipts\", \"r.json\"")]
    public Task Blob_LiteralConnectionString_Triggers(string client, string rest) => VerifyAsync($$"""
        using Azure.Storage.Blobs;

        class C
        {
            object Create() => new {{client}}({|#0:"DefaultEndpointsProtocol=https;AccountName=contoso;{{StorageKey}};EndpointSuffix=core.windows.net"|}{{rest}});
        }
        """, Expected(0, client));

    [Theory]
    [InlineData("BlockBlobClient")]
    [InlineData("AppendBlobClient")]
    [InlineData("PageBlobClient")]
    public Task SpecializedBlob_ConnectionStringFromConst_Triggers(string client) => VerifyAsync($$"""
        using Azure.Storage.Blobs.Specialized;

        class C
        {
            const string Storage = "AccountName=contoso;{{StorageKey}}";
            object Create() => new {{client}}({|#0:Storage|}, "logs", "today.log");
        }
        """, Expected(0, client));

    [Fact]
    public Task QueueTableAndShare_ConnectionStringFromConfiguration_Trigger() => VerifyAsync("""
        using Azure.Data.Tables;
        using Azure.Storage.Files.Shares;
        using Azure.Storage.Queues;
        using Microsoft.Extensions.Configuration;

        class C
        {
            void Create(IConfiguration configuration)
            {
                _ = new QueueServiceClient({|#0:configuration["Storage:ConnectionString"]|});
                _ = new QueueClient({|#1:configuration.GetConnectionString("Storage")|}, "orders");
                _ = new TableServiceClient({|#2:configuration["Storage:ConnectionString"]|});
                _ = new TableClient({|#3:configuration["Storage:ConnectionString"]|}, "orders");
                _ = new ShareServiceClient({|#4:configuration["Storage:ConnectionString"]|});
                _ = new ShareClient({|#5:configuration["Storage:ConnectionString"]|}, "share");
                _ = new ShareDirectoryClient({|#6:configuration["Storage:ConnectionString"]|}, "share", "dir");
                _ = new ShareFileClient({|#7:configuration["Storage:ConnectionString"]|}, "share", "dir/file.txt");
            }
        }
        """,
        Expected(0, "QueueServiceClient"), Expected(1, "QueueClient"), Expected(2, "TableServiceClient"), Expected(3, "TableClient"),
        Expected(4, "ShareServiceClient"), Expected(5, "ShareClient"), Expected(6, "ShareDirectoryClient"), Expected(7, "ShareFileClient"));

    [Fact]
    public Task ServiceBus_ConnectionStringFromEnvironment_Triggers() => VerifyAsync("""
        using System;
        using Azure.Messaging.ServiceBus;
        using Azure.Messaging.ServiceBus.Administration;

        class C
        {
            void Create()
            {
                _ = new ServiceBusClient({|#0:Environment.GetEnvironmentVariable("SERVICEBUS")|});
                _ = new ServiceBusClient({|#1:Environment.GetEnvironmentVariable("SERVICEBUS")!|}, new ServiceBusClientOptions());
                _ = new ServiceBusAdministrationClient({|#2:Environment.GetEnvironmentVariable("SERVICEBUS")|});
            }
        }
        """, Expected(0, "ServiceBusClient"), Expected(1, "ServiceBusClient"), Expected(2, "ServiceBusAdministrationClient"));

    [Fact]
    public Task EventHubs_EveryClient_Triggers() => VerifyAsync("""
        using Azure.Messaging.EventHubs;
        using Azure.Messaging.EventHubs.Consumer;
        using Azure.Messaging.EventHubs.Primitives;
        using Azure.Messaging.EventHubs.Producer;
        using Azure.Storage.Blobs;

        class C
        {
            void Create(string cs, BlobContainerClient store)
            {
                _ = new EventHubProducerClient({|#0:cs|});
                _ = new EventHubProducerClient({|#1:cs|}, "telemetry");
                _ = new EventHubBufferedProducerClient({|#2:cs|}, "telemetry");
                _ = new EventHubConsumerClient("$Default", {|#3:cs|}, "telemetry");
                _ = new PartitionReceiver("$Default", "0", EventPosition.Earliest, {|#4:cs|}, "telemetry");
                _ = new EventProcessorClient(store, "$Default", {|#5:cs|}, "telemetry");
            }
        }
        """,
        new[] { IdentityStandIns.EventHubsProcessor },
        Expected(0, "EventHubProducerClient"), Expected(1, "EventHubProducerClient"), Expected(2, "EventHubBufferedProducerClient"),
        Expected(3, "EventHubConsumerClient"), Expected(4, "PartitionReceiver"), Expected(5, "EventProcessorClient"));

    [Fact]
    public Task Cosmos_ConnectionStringAndAccountKey_Trigger() => VerifyAsync("""
        using Microsoft.Azure.Cosmos;
        using Microsoft.Azure.Cosmos.Fluent;

        class C
        {
            void Create(string cs, string key)
            {
                _ = new CosmosClient({|#0:cs|});
                _ = new CosmosClient("https://contoso.documents.azure.com:443/", {|#1:key|});
                _ = new CosmosClientBuilder({|#2:cs|});
                _ = new CosmosClientBuilder("https://contoso.documents.azure.com:443/", {|#3:key|});
            }
        }
        """, Expected(0, "CosmosClient"), Expected(1, "CosmosClient", "an account key"), Expected(2, "CosmosClientBuilder"), Expected(3, "CosmosClientBuilder", "an account key"));

    [Fact]
    public Task AppConfiguration_ConnectionString_Triggers() => VerifyAsync("""
        using Azure.Data.AppConfiguration;

        class C
        {
            object Create(string cs) => new ConfigurationClient({|#0:cs|});
        }
        """, new[] { IdentityStandIns.AppConfiguration }, Expected(0, "ConfigurationClient"));

    [Fact]
    public Task KeyCredentials_OnClientsWithTokenOverload_Trigger() => VerifyAsync("""
        using System;
        using System.ClientModel;
        using Azure;
        using Azure.AI.OpenAI;
        using Azure.Messaging.EventGrid;
        using Azure.Messaging.ServiceBus;
        using Azure.Search.Documents;
        using Azure.Storage;
        using Azure.Storage.Blobs;
        using Microsoft.Azure.Cosmos;

        class C
        {
            void Create(string key)
            {
                _ = new SearchClient(new Uri("https://contoso.search.windows.net"), "products", {|#0:new AzureKeyCredential(key)|});
                _ = new EventGridPublisherClient(new Uri("https://topic.westeurope-1.eventgrid.azure.net/api/events"), {|#1:new AzureKeyCredential(key)|});
                _ = new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com"), {|#2:new ApiKeyCredential(key)|});
                _ = new BlobServiceClient(new Uri("https://contoso.blob.core.windows.net"), {|#3:new StorageSharedKeyCredential("contoso", key)|});
                _ = new BlobServiceClient(new Uri("https://contoso.blob.core.windows.net"), {|#4:new AzureSasCredential(key)|});
                _ = new ServiceBusClient("contoso.servicebus.windows.net", {|#5:new AzureNamedKeyCredential("RootManageSharedAccessKey", key)|});
                _ = new CosmosClient("https://contoso.documents.azure.com:443/", {|#6:new AzureKeyCredential(key)|});
            }
        }
        """,
        Expected(0, "SearchClient", "a shared key ('AzureKeyCredential')"),
        Expected(1, "EventGridPublisherClient", "a shared key ('AzureKeyCredential')"),
        Expected(2, "AzureOpenAIClient", "a shared key ('ApiKeyCredential')"),
        Expected(3, "BlobServiceClient", "a shared key ('StorageSharedKeyCredential')"),
        Expected(4, "BlobServiceClient", "a shared key ('AzureSasCredential')"),
        Expected(5, "ServiceBusClient", "a shared key ('AzureNamedKeyCredential')"),
        Expected(6, "CosmosClient", "a shared key ('AzureKeyCredential')"));

    [Fact]
    public Task AddAzureClients_ConnectionStringRegistrations_Trigger() => VerifyAsync("""
        using System;
        using Azure.Storage;
        using Microsoft.Extensions.Azure;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        class C
        {
            void Configure(IServiceCollection services, IConfiguration configuration, string key)
            {
                services.AddAzureClients(clients =>
                {
                    clients.AddBlobServiceClient({|#0:configuration["Storage:ConnectionString"]|});
                    clients.AddQueueServiceClient({|#1:configuration["Storage:ConnectionString"]|});
                    clients.AddTableServiceClient({|#2:configuration["Storage:ConnectionString"]|});
                    clients.AddServiceBusClient({|#3:configuration["Bus:ConnectionString"]|});
                    clients.AddEventHubProducerClient({|#4:configuration["Hub:ConnectionString"]|}, "telemetry");
                    clients.AddBlobServiceClient(new Uri("https://contoso.blob.core.windows.net"), {|#5:new StorageSharedKeyCredential("contoso", key)|});
                });
            }
        }
        """,
        Expected(0, "AddBlobServiceClient"), Expected(1, "AddQueueServiceClient"), Expected(2, "AddTableServiceClient"),
        Expected(3, "AddServiceBusClient"), Expected(4, "AddEventHubProducerClient"),
        Expected(5, "AddBlobServiceClient", "a shared key ('StorageSharedKeyCredential')"));

    [Fact]
    public Task TokenCredentialOverloads_DoNotTrigger() => VerifyAsync("""
        using System;
        using Azure.Core;
        using Azure.Data.AppConfiguration;
        using Azure.Data.Tables;
        using Azure.Identity;
        using Azure.Messaging.EventHubs.Producer;
        using Azure.Messaging.ServiceBus;
        using Azure.Search.Documents;
        using Azure.Storage.Blobs;
        using Microsoft.Azure.Cosmos;
        using Microsoft.Extensions.Azure;
        using Microsoft.Extensions.DependencyInjection;

        class C
        {
            void Create(TokenCredential credential, IServiceCollection services)
            {
                _ = new BlobServiceClient(new Uri("https://contoso.blob.core.windows.net"), credential);
                _ = new BlobContainerClient(new Uri("https://contoso.blob.core.windows.net/receipts"), new DefaultAzureCredential());
                _ = new TableClient(new Uri("https://contoso.table.core.windows.net"), "orders", credential);
                _ = new ServiceBusClient("contoso.servicebus.windows.net", credential);
                _ = new EventHubProducerClient("contoso.servicebus.windows.net", "telemetry", credential);
                _ = new CosmosClient("https://contoso.documents.azure.com:443/", credential);
                _ = new SearchClient(new Uri("https://contoso.search.windows.net"), "products", credential);
                _ = new ConfigurationClient(new Uri("https://contoso.azconfig.io"), credential);
                _ = new BlobClient(new Uri("https://contoso.blob.core.windows.net/c/b?sv=2024-01-01"));
                services.AddAzureClients(clients =>
                {
                    clients.AddBlobServiceClient(new Uri("https://contoso.blob.core.windows.net"));
                    clients.AddServiceBusClientWithNamespace("contoso.servicebus.windows.net");
                    clients.UseCredential(new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned));
                });
            }
        }
        """, new[] { IdentityStandIns.AppConfiguration });

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;")]
    [InlineData("BlobEndpoint=http://localhost:10000/devstoreaccount1;SharedAccessSignature=sv=2024-01-01&sig=abc")]
    public Task Storage_EmulatorConnectionString_DoesNotTrigger(string value) => VerifyAsync($$"""
        using Azure.Storage.Blobs;

        class C
        {
            object Create() => new BlobServiceClient("{{value}}");
        }
        """);

    [Fact]
    public Task Emulators_ForOtherFamiliesAndKeyCredentials_DoNotTrigger() => VerifyAsync("""
        using System;
        using Azure.Messaging.ServiceBus;
        using Azure.Storage;
        using Azure.Storage.Blobs;
        using Microsoft.Azure.Cosmos;

        class C
        {
            const string Azurite = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

            void Create()
            {
                _ = new CosmosClient("AccountEndpoint=https://localhost:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==");
                _ = new CosmosClient("https://localhost:8081/", "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==");
                _ = new ServiceBusClient("Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;");
                _ = new BlobServiceClient(new Uri("http://127.0.0.1:10000/devstoreaccount1"), new StorageSharedKeyCredential("devstoreaccount1", Azurite));
            }
        }
        """);

    [Fact]
    public Task UserTypeWithSameNames_DoesNotTrigger() => VerifyAsync("""
        namespace MyApp
        {
            class BlobServiceClient { public BlobServiceClient(string connectionString) { } }
            class AzureKeyCredential { public AzureKeyCredential(string key) { } }
            class SearchClient { public SearchClient(string endpoint, AzureKeyCredential credential) { } }

            class C
            {
                void Create(string cs)
                {
                    _ = new BlobServiceClient(cs);
                    _ = new SearchClient("https://contoso.search.windows.net", new AzureKeyCredential(cs));
                }
            }
        }
        """);

    [Fact]
    public Task NullOrDefaultConnectionString_DoesNotTrigger() => VerifyAsync("""
        using Azure.Storage.Blobs;

        class C
        {
            object Create() => new BlobServiceClient((string)null!);
        }
        """);

    [Theory]
    [InlineData("not a connection string")]
    [InlineData(";;;==;AccountName=;EndpointSuffix=\\\"")]
    [InlineData("AccountName=contoso;AccountKey=\\\"unterminated")]
    public Task MalformedConnectionString_TriggersWithoutCrashing(string value) => VerifyAsync($$"""
        using Azure.Storage.Blobs;

        class C
        {
            object Create() => new BlobServiceClient({|#0:"{{value}}"|});
        }
        """, Expected(0, "BlobServiceClient"));

    [Fact]
    public Task HugeLiteral_TriggersWithoutCrashing() => VerifyAsync($$"""
        using Azure.Storage.Blobs;

        class C
        {
            object Create() => new BlobServiceClient({|#0:"AccountName=contoso;AccountKey={{new string('A', 100_000)}}"|});
        }
        """, Expected(0, "BlobServiceClient"));

    [Fact]
    public Task PartialCode_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Azure.Storage.Blobs;

                class C
                {
                    object Create() => new BlobServiceClient(
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task GeneratedCode_DoesNotTrigger() => VerifyAsync("""
        // <auto-generated/>
        using Azure.Storage.Blobs;

        class C
        {
            object Create(string cs) => new BlobServiceClient(cs);
        }
        """);

    [Fact]
    public Task NoAzureReferences_DoesNotTrigger()
    {
        var test = new Verify.Test
        {
            TestCode = """
                class BlobServiceClient { public BlobServiceClient(string connectionString) { } }
                class C { object Create(string cs) => new BlobServiceClient(cs); }
                """,
            NetCoreOnly = true,
        };
        return test.RunAsync(CancellationToken.None);
    }
}
