using AzSecAnalyzers.CodeFixes;
using AzSecAnalyzers.Tests.StandIns;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Identity.KeyBasedClientAuthenticationAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Identity.KeyBasedClientAuthenticationCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Identity;

public partial class KeyBasedClientAuthenticationCodeFixTests
{
    // Invented key of the right shape.
    private const string Key = "AccountKey=c3RvcmFnZS1rZXktZm9yLXRlc3RzLW9ubHktbm90LWEtcmVhbC1rZXktMDAwMDAwMDAwMDAwMDA=";
    private const string BusKey = "SharedAccessKeyName=send;SharedAccessKey=aW52ZW50ZWQtc2FzLWtleS1mb3ItdGVzdHMtMDAwMDAwMDA=";

    private static DiagnosticResult Expected(int location, string api, string what = "a connection string")
        => Verify.Diagnostic(Descriptors.AZSEC201_KeyBasedClientAuthentication).WithLocation(location).WithArguments($"'{api}'", what);

    /// <param name="fixedSource">After fixing the findings one at a time: each single fix creates its own credential unless one is in scope.</param>
    /// <param name="batchFixedSource">After Fix All, when it differs: one credential per block.</param>
    private static Task VerifyAsync(string source, DiagnosticResult[] expected, string fixedSource, string? key = EquivalenceKeys.UseDefaultAzureCredential, string? standIn = null, string? editorConfig = null, int? fixAllIterations = null, string? batchFixedSource = null)
    {
        var test = new Verify.Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = key };
        if (batchFixedSource is not null)
        {
            test.BatchFixedCode = batchFixedSource;
        }

        if (standIn is not null)
        {
            test.TestState.Sources.Add(("StandIn.cs", SourceText.From(standIn)));
            test.FixedState.Sources.Add(("StandIn.cs", SourceText.From(standIn)));
            if (batchFixedSource is not null)
            {
                test.BatchFixedState.Sources.Add(("StandIn.cs", SourceText.From(standIn)));
            }
        }

        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
        }

        if (fixAllIterations is { } iterations)
        {
            test.NumberOfFixAllIterations = iterations;
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task BlobServiceClient_LiteralConnectionString_UsesAccountEndpointAndDefaultAzureCredential() => VerifyAsync($$"""
        using Azure.Storage.Blobs;

        class C
        {
            // Receipts storage.
            object Create() => new BlobServiceClient({|#0:"DefaultEndpointsProtocol=https;AccountName=contoso;{{Key}};EndpointSuffix=core.windows.net"|});
        }
        """, new[] { Expected(0, "BlobServiceClient") }, """
        using System;
        using Azure.Identity;
        using Azure.Storage.Blobs;

        class C
        {
            // Receipts storage.
            object Create() => new BlobServiceClient(new Uri("https://contoso.blob.core.windows.net"), new DefaultAzureCredential());
        }
        """);

    [Fact]
    public Task BlobServiceClient_SecondAction_UsesManagedIdentityCredential() => VerifyAsync($$"""
        using System;
        using Azure.Storage.Blobs;

        class C
        {
            object Create() => new BlobServiceClient({|#0:"AccountName=contoso;{{Key}}"|}, new BlobClientOptions());
        }
        """, new[] { Expected(0, "BlobServiceClient") }, """
        using System;
        using Azure.Identity;
        using Azure.Storage.Blobs;

        class C
        {
            object Create() => new BlobServiceClient(new Uri("https://contoso.blob.core.windows.net"), new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned), new BlobClientOptions());
        }
        """, EquivalenceKeys.UseManagedIdentityCredential);

    [Fact]
    public Task FixCredentialOption_ManagedIdentityFirst_IsTheDefaultAction() => VerifyAsync($$"""
        using System;
        using Azure.Storage.Blobs;

        class C
        {
            object Create() => new BlobServiceClient({|#0:"AccountName=contoso;{{Key}}"|});
        }
        """, new[] { Expected(0, "BlobServiceClient") }, """
        using System;
        using Azure.Identity;
        using Azure.Storage.Blobs;

        class C
        {
            object Create() => new BlobServiceClient(new Uri("https://contoso.blob.core.windows.net"), new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned));
        }
        """, key: null, editorConfig: "root = true\n[*]\nazsec.fix_credential = ManagedIdentityCredential\n");

    [Fact]
    public Task BlobEndpointAndSovereignSuffix_AreHonoured() => VerifyAsync($$"""
        using System;
        using Azure.Storage.Blobs;
        using Azure.Storage.Queues;

        class C
        {
            void Create()
            {
                _ = new BlobServiceClient({|#0:"BlobEndpoint=https://media.contoso.com/;SharedAccessSignature=sv=2024-01-01&sig=abc"|});
                _ = new QueueServiceClient({|#1:"DefaultEndpointsProtocol=https;AccountName=contosocn;{{Key}};EndpointSuffix=core.chinacloudapi.cn"|});
            }
        }
        """, new[] { Expected(0, "BlobServiceClient"), Expected(1, "QueueServiceClient") }, """
        using System;
        using Azure.Identity;
        using Azure.Storage.Blobs;
        using Azure.Storage.Queues;

        class C
        {
            void Create()
            {
                _ = new BlobServiceClient(new Uri("https://media.contoso.com"), new DefaultAzureCredential());
                _ = new QueueServiceClient(new Uri("https://contosocn.queue.core.chinacloudapi.cn"), new DefaultAzureCredential());
            }
        }
        """, fixAllIterations: 1, batchFixedSource: """
        using System;
        using Azure.Identity;
        using Azure.Storage.Blobs;
        using Azure.Storage.Queues;

        class C
        {
            void Create()
            {
                var credential = new DefaultAzureCredential();
                _ = new BlobServiceClient(new Uri("https://media.contoso.com"), credential);
                _ = new QueueServiceClient(new Uri("https://contosocn.queue.core.chinacloudapi.cn"), credential);
            }
        }
        """);

    [Fact]
    public Task ContainerAndBlobNames_LiteralsJoinTheUri_OthersUseTheUriBuilder() => VerifyAsync($$"""
        using System;
        using Azure.Identity;
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Specialized;

        class C
        {
            const string Storage = "AccountName=contoso;{{Key}}";

            object Container() => new BlobContainerClient({|#0:Storage|}, "receipts");
            object Blob(string name) => new BlockBlobClient({|#1:Storage|}, "receipts", name);
        }
        """, new[] { Expected(0, "BlobContainerClient"), Expected(1, "BlockBlobClient") }, """
        using System;
        using Azure.Identity;
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Specialized;

        class C
        {
            const string Storage = "AccountName=contoso;{{Key}}";

            object Container() => new BlobContainerClient(new Uri("https://contoso.blob.core.windows.net/receipts"), new DefaultAzureCredential());
            object Blob(string name) => new BlockBlobClient(new BlobUriBuilder(new Uri("https://contoso.blob.core.windows.net")) { BlobContainerName = "receipts", BlobName = name }.ToUri(), new DefaultAzureCredential());
        }
        """.Replace("{{Key}}", Key), fixAllIterations: 1);

    [Fact]
    public Task TableClient_KeepsTheTableNameArgument() => VerifyAsync($$"""
        using System;
        using Azure.Data.Tables;
        using Azure.Identity;

        class C
        {
            object Create() => new TableClient({|#0:"AccountName=contoso;{{Key}}"|}, "orders");
        }
        """, new[] { Expected(0, "TableClient") }, """
        using System;
        using Azure.Data.Tables;
        using Azure.Identity;

        class C
        {
            object Create() => new TableClient(new Uri("https://contoso.table.core.windows.net"), "orders", new DefaultAzureCredential());
        }
        """);

    [Fact]
    public Task ShareClients_GetShareTokenIntentBackup() => VerifyAsync($$"""
        using System;
        using Azure.Identity;
        using Azure.Storage.Files.Shares;

        class C
        {
            void Create(string path)
            {
                _ = new ShareServiceClient({|#0:"AccountName=contoso;{{Key}}"|});
                _ = new ShareFileClient({|#1:"AccountName=contoso;{{Key}}"|}, "share", path, new ShareClientOptions { Retry = { MaxRetries = 2 } });
            }
        }
        """, new[] { Expected(0, "ShareServiceClient"), Expected(1, "ShareFileClient") }, """
        using System;
        using Azure.Identity;
        using Azure.Storage.Files.Shares;
        using Azure.Storage.Files.Shares.Models;

        class C
        {
            void Create(string path)
            {
                _ = new ShareServiceClient(new Uri("https://contoso.file.core.windows.net"), new DefaultAzureCredential(), new ShareClientOptions { ShareTokenIntent = ShareTokenIntent.Backup });
                _ = new ShareFileClient(new ShareUriBuilder(new Uri("https://contoso.file.core.windows.net")) { ShareName = "share", DirectoryOrFilePath = path }.ToUri(), new DefaultAzureCredential(), new ShareClientOptions { Retry = { MaxRetries = 2 }, ShareTokenIntent = ShareTokenIntent.Backup });
            }
        }
        """, fixAllIterations: 1, batchFixedSource: """
        using System;
        using Azure.Identity;
        using Azure.Storage.Files.Shares;
        using Azure.Storage.Files.Shares.Models;

        class C
        {
            void Create(string path)
            {
                var credential = new DefaultAzureCredential();
                _ = new ShareServiceClient(new Uri("https://contoso.file.core.windows.net"), credential, new ShareClientOptions { ShareTokenIntent = ShareTokenIntent.Backup });
                _ = new ShareFileClient(new ShareUriBuilder(new Uri("https://contoso.file.core.windows.net")) { ShareName = "share", DirectoryOrFilePath = path }.ToUri(), credential, new ShareClientOptions { Retry = { MaxRetries = 2 }, ShareTokenIntent = ShareTokenIntent.Backup });
            }
        }
        """);

    [Fact]
    public Task ServiceBus_EndpointBecomesTheFullyQualifiedNamespace() => VerifyAsync($$"""
        using Azure.Identity;
        using Azure.Messaging.ServiceBus;
        using Azure.Messaging.ServiceBus.Administration;

        class C
        {
            void Create()
            {
                _ = new ServiceBusClient({|#0:"Endpoint=sb://contoso-bus.servicebus.windows.net/;{{BusKey}}"|}, new ServiceBusClientOptions());
                _ = new ServiceBusAdministrationClient({|#1:"Endpoint=sb://contoso-bus.servicebus.usgovcloudapi.net/;{{BusKey}}"|});
            }
        }
        """, new[] { Expected(0, "ServiceBusClient"), Expected(1, "ServiceBusAdministrationClient") }, """
        using Azure.Identity;
        using Azure.Messaging.ServiceBus;
        using Azure.Messaging.ServiceBus.Administration;

        class C
        {
            void Create()
            {
                _ = new ServiceBusClient("contoso-bus.servicebus.windows.net", new DefaultAzureCredential(), new ServiceBusClientOptions());
                _ = new ServiceBusAdministrationClient("contoso-bus.servicebus.usgovcloudapi.net", new DefaultAzureCredential());
            }
        }
        """, fixAllIterations: 1, batchFixedSource: """
        using Azure.Identity;
        using Azure.Messaging.ServiceBus;
        using Azure.Messaging.ServiceBus.Administration;

        class C
        {
            void Create()
            {
                var credential = new DefaultAzureCredential();
                _ = new ServiceBusClient("contoso-bus.servicebus.windows.net", credential, new ServiceBusClientOptions());
                _ = new ServiceBusAdministrationClient("contoso-bus.servicebus.usgovcloudapi.net", credential);
            }
        }
        """);

    [Fact]
    public Task EventHubs_EntityPathMovesIntoTheEventHubName() => VerifyAsync($$"""
        using Azure.Identity;
        using Azure.Messaging.EventHubs;
        using Azure.Messaging.EventHubs.Consumer;
        using Azure.Messaging.EventHubs.Producer;
        using Azure.Storage.Blobs;

        class C
        {
            const string Hub = "Endpoint=sb://contoso-hub.servicebus.windows.net/;{{BusKey}};EntityPath=telemetry";

            object Producer() => new EventHubProducerClient({|#0:Hub|});
            object Consumer() => new EventHubConsumerClient(EventHubConsumerClient.DefaultConsumerGroupName, {|#1:Hub|}, "telemetry");
            object Processor(BlobContainerClient store) => new EventProcessorClient(store, "$Default", {|#2:Hub|});
        }
        """, new[] { Expected(0, "EventHubProducerClient"), Expected(1, "EventHubConsumerClient"), Expected(2, "EventProcessorClient") }, """
        using Azure.Identity;
        using Azure.Messaging.EventHubs;
        using Azure.Messaging.EventHubs.Consumer;
        using Azure.Messaging.EventHubs.Producer;
        using Azure.Storage.Blobs;

        class C
        {
            const string Hub = "Endpoint=sb://contoso-hub.servicebus.windows.net/;{{BusKey}};EntityPath=telemetry";

            object Producer() => new EventHubProducerClient("contoso-hub.servicebus.windows.net", "telemetry", new DefaultAzureCredential());
            object Consumer() => new EventHubConsumerClient(EventHubConsumerClient.DefaultConsumerGroupName, "contoso-hub.servicebus.windows.net", "telemetry", new DefaultAzureCredential());
            object Processor(BlobContainerClient store) => new EventProcessorClient(store, "$Default", "contoso-hub.servicebus.windows.net", "telemetry", new DefaultAzureCredential());
        }
        """.Replace("{{BusKey}}", BusKey), standIn: IdentityStandIns.EventHubsProcessor, fixAllIterations: 1);

    [Fact]
    public Task Cosmos_AccountEndpointAndAccountKey() => VerifyAsync("""
        using Azure.Identity;
        using Microsoft.Azure.Cosmos;

        class C
        {
            void Create(string key)
            {
                _ = new CosmosClient({|#0:"AccountEndpoint=https://contoso.documents.azure.com:443/;AccountKey=aW52ZW50ZWQtY29zbW9zLWtleS1mb3ItdGVzdHM=;"|}, new CosmosClientOptions());
                _ = new CosmosClient("https://contoso.documents.azure.com:443/", {|#1:key|});
            }
        }
        """, new[] { Expected(0, "CosmosClient"), Expected(1, "CosmosClient", "an account key") }, """
        using Azure.Identity;
        using Microsoft.Azure.Cosmos;

        class C
        {
            void Create(string key)
            {
                _ = new CosmosClient("https://contoso.documents.azure.com", new DefaultAzureCredential(), new CosmosClientOptions());
                _ = new CosmosClient("https://contoso.documents.azure.com:443/", new DefaultAzureCredential());
            }
        }
        """, fixAllIterations: 1, batchFixedSource: """
        using Azure.Identity;
        using Microsoft.Azure.Cosmos;

        class C
        {
            void Create(string key)
            {
                var credential = new DefaultAzureCredential();
                _ = new CosmosClient("https://contoso.documents.azure.com", credential, new CosmosClientOptions());
                _ = new CosmosClient("https://contoso.documents.azure.com:443/", credential);
            }
        }
        """);

    [Fact]
    public Task AppConfiguration_EndpointBecomesAUri() => VerifyAsync("""
        using System;
        using Azure.Data.AppConfiguration;
        using Azure.Identity;

        class C
        {
            object Create() => new ConfigurationClient({|#0:"Endpoint=https://contoso.azconfig.io;Id=abc1;Secret=aW52ZW50ZWQ="|});
        }
        """, new[] { Expected(0, "ConfigurationClient") }, """
        using System;
        using Azure.Data.AppConfiguration;
        using Azure.Identity;

        class C
        {
            object Create() => new ConfigurationClient(new Uri("https://contoso.azconfig.io"), new DefaultAzureCredential());
        }
        """, standIn: IdentityStandIns.AppConfiguration);

    [Fact]
    public Task Configuration_ReadsTheSiblingKey() => VerifyAsync("""
        using System;
        using Azure.Identity;
        using Azure.Messaging.ServiceBus;
        using Azure.Storage.Blobs;
        using Microsoft.Extensions.Configuration;

        class C
        {
            void Create(IConfiguration configuration)
            {
                _ = new BlobServiceClient({|#0:configuration["Storage:ConnectionString"]|});
                _ = new BlobContainerClient({|#1:configuration.GetConnectionString("Receipts")|}, "receipts");
                _ = new ServiceBusClient({|#2:configuration.GetSection("Bus")["ConnectionString"]|});
            }
        }
        """, new[] { Expected(0, "BlobServiceClient"), Expected(1, "BlobContainerClient"), Expected(2, "ServiceBusClient") }, """
        using System;
        using Azure.Identity;
        using Azure.Messaging.ServiceBus;
        using Azure.Storage.Blobs;
        using Microsoft.Extensions.Configuration;

        class C
        {
            void Create(IConfiguration configuration)
            {
                _ = new BlobServiceClient(new Uri(configuration["Storage:ServiceUri"]!), new DefaultAzureCredential());
                _ = new BlobContainerClient(new BlobUriBuilder(new Uri(configuration["Receipts:ServiceUri"]!)) { BlobContainerName = "receipts" }.ToUri(), new DefaultAzureCredential());
                _ = new ServiceBusClient(configuration["Bus:FullyQualifiedNamespace"]!, new DefaultAzureCredential());
            }
        }
        """, fixAllIterations: 1, batchFixedSource: """
        using System;
        using Azure.Identity;
        using Azure.Messaging.ServiceBus;
        using Azure.Storage.Blobs;
        using Microsoft.Extensions.Configuration;

        class C
        {
            void Create(IConfiguration configuration)
            {
                var credential = new DefaultAzureCredential();
                _ = new BlobServiceClient(new Uri(configuration["Storage:ServiceUri"]!), credential);
                _ = new BlobContainerClient(new BlobUriBuilder(new Uri(configuration["Receipts:ServiceUri"]!)) { BlobContainerName = "receipts" }.ToUri(), credential);
                _ = new ServiceBusClient(configuration["Bus:FullyQualifiedNamespace"]!, credential);
            }
        }
        """);
}
