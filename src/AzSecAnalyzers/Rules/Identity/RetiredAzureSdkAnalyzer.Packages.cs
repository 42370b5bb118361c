namespace AzSecAnalyzers.Rules.Identity;

/// <summary>The retired packages AZSEC205 knows, their client types and each type's successor.</summary>
public sealed partial class RetiredAzureSdkAnalyzer
{
    // The successor named in the message: the Azure.* package and its constructor that takes a TokenCredential.
    private const string AnyStorageService = "Azure.Storage.Blobs BlobServiceClient(Uri, TokenCredential), or the Azure.Storage.Queues, Azure.Data.Tables or Azure.Storage.Files.Shares service client with a TokenCredential";
    private const string BlobService = "Azure.Storage.Blobs BlobServiceClient(Uri, TokenCredential)";
    private const string BlobContainer = "Azure.Storage.Blobs BlobContainerClient(Uri, TokenCredential)";
    private const string Blob = "Azure.Storage.Blobs BlobClient(Uri, TokenCredential)";
    private const string QueueService = "Azure.Storage.Queues QueueServiceClient(Uri, TokenCredential)";
    private const string Queue = "Azure.Storage.Queues QueueClient(Uri, TokenCredential)";
    private const string TableService = "Azure.Data.Tables TableServiceClient(Uri, TokenCredential)";
    private const string Table = "Azure.Data.Tables TableClient(Uri, string tableName, TokenCredential)";
    private const string ShareService = "Azure.Storage.Files.Shares ShareServiceClient(Uri, TokenCredential, ShareClientOptions { ShareTokenIntent = Backup })";
    private const string Share = "Azure.Storage.Files.Shares ShareClient(Uri, TokenCredential, ShareClientOptions { ShareTokenIntent = Backup })";
    private const string ServiceBus = "Azure.Messaging.ServiceBus ServiceBusClient(string fullyQualifiedNamespace, TokenCredential)";
    private const string ServiceBusAdministration = "Azure.Messaging.ServiceBus ServiceBusAdministrationClient(string fullyQualifiedNamespace, TokenCredential)";
    private const string EventHubs = "Azure.Messaging.EventHubs EventHubProducerClient(string fullyQualifiedNamespace, string eventHubName, TokenCredential) or EventHubConsumerClient";
    private const string EventProcessor = "Azure.Messaging.EventHubs.Processor EventProcessorClient(BlobContainerClient, string consumerGroup, string fullyQualifiedNamespace, string eventHubName, TokenCredential)";
    private const string Cosmos = "Microsoft.Azure.Cosmos CosmosClient(string accountEndpoint, TokenCredential)";
    private const string KeyVault = "Azure.Security.KeyVault.Secrets SecretClient(Uri, TokenCredential) (KeyClient and CertificateClient for keys and certificates)";
    private const string Identity = "Azure.Identity (ManagedIdentityCredential, WorkloadIdentityCredential or another TokenCredential) or MSAL's ConfidentialClientApplicationBuilder";

    /// <summary>
    /// Every retired package, its first type the one looked up to decide whether the compilation sees the
    /// package at all: a compilation without any of them pays one lookup per package.
    /// </summary>
    private static readonly ImmutableArray<RetiredPackage> Packages = ImmutableArray.Create(
        new RetiredPackage(
            "WindowsAzure.Storage",
            Type("Microsoft.WindowsAzure.Storage.CloudStorageAccount", AnyStorageService),
            Type("Microsoft.WindowsAzure.Storage.Auth.StorageCredentials", AnyStorageService),
            Type("Microsoft.WindowsAzure.Storage.Blob.CloudBlobClient", BlobService),
            Type("Microsoft.WindowsAzure.Storage.Blob.CloudBlobContainer", BlobContainer),
            Type("Microsoft.WindowsAzure.Storage.Blob.CloudBlob", Blob),
            Type("Microsoft.WindowsAzure.Storage.Blob.CloudBlockBlob", Blob),
            Type("Microsoft.WindowsAzure.Storage.Blob.CloudAppendBlob", Blob),
            Type("Microsoft.WindowsAzure.Storage.Blob.CloudPageBlob", Blob),
            Type("Microsoft.WindowsAzure.Storage.Queue.CloudQueueClient", QueueService),
            Type("Microsoft.WindowsAzure.Storage.Queue.CloudQueue", Queue),
            Type("Microsoft.WindowsAzure.Storage.Table.CloudTableClient", TableService),
            Type("Microsoft.WindowsAzure.Storage.Table.CloudTable", Table),
            Type("Microsoft.WindowsAzure.Storage.File.CloudFileClient", ShareService),
            Type("Microsoft.WindowsAzure.Storage.File.CloudFileShare", Share)),
        new RetiredPackage(
            "Microsoft.Azure.Storage.Common",
            Type("Microsoft.Azure.Storage.CloudStorageAccount", AnyStorageService),
            Type("Microsoft.Azure.Storage.Auth.StorageCredentials", AnyStorageService)),
        new RetiredPackage(
            "Microsoft.Azure.Storage.Blob",
            "Microsoft.Azure.Storage.Blob.BlobAccountExtensions",
            Type("Microsoft.Azure.Storage.Blob.CloudBlobClient", BlobService),
            Type("Microsoft.Azure.Storage.Blob.CloudBlobContainer", BlobContainer),
            Type("Microsoft.Azure.Storage.Blob.CloudBlob", Blob),
            Type("Microsoft.Azure.Storage.Blob.CloudBlockBlob", Blob),
            Type("Microsoft.Azure.Storage.Blob.CloudAppendBlob", Blob),
            Type("Microsoft.Azure.Storage.Blob.CloudPageBlob", Blob)),
        new RetiredPackage(
            "Microsoft.Azure.Storage.Queue",
            "Microsoft.Azure.Storage.Queue.QueueAccountExtensions",
            Type("Microsoft.Azure.Storage.Queue.CloudQueueClient", QueueService),
            Type("Microsoft.Azure.Storage.Queue.CloudQueue", Queue)),
        new RetiredPackage(
            "Microsoft.Azure.Storage.File",
            "Microsoft.Azure.Storage.File.FileAccountExtensions",
            Type("Microsoft.Azure.Storage.File.CloudFileClient", ShareService),
            Type("Microsoft.Azure.Storage.File.CloudFileShare", Share)),
        new RetiredPackage(
            "Microsoft.Azure.Cosmos.Table",
            "Microsoft.Azure.Cosmos.Table.CloudStorageAccountExtensions",
            Type("Microsoft.Azure.Cosmos.Table.CloudStorageAccount", TableService),
            Type("Microsoft.Azure.Cosmos.Table.StorageCredentials", TableService),
            Type("Microsoft.Azure.Cosmos.Table.CloudTableClient", TableService),
            Type("Microsoft.Azure.Cosmos.Table.CloudTable", Table)),
        new RetiredPackage(
            "Microsoft.IdentityModel.Clients.ActiveDirectory (ADAL)",
            Type("Microsoft.IdentityModel.Clients.ActiveDirectory.AuthenticationContext", Identity)),
        new RetiredPackage(
            "Microsoft.Azure.ServiceBus",
            Type("Microsoft.Azure.ServiceBus.QueueClient", ServiceBus),
            Type("Microsoft.Azure.ServiceBus.TopicClient", ServiceBus),
            Type("Microsoft.Azure.ServiceBus.SubscriptionClient", ServiceBus),
            Type("Microsoft.Azure.ServiceBus.SessionClient", ServiceBus),
            Type("Microsoft.Azure.ServiceBus.ServiceBusConnection", ServiceBus),
            Type("Microsoft.Azure.ServiceBus.Core.MessageSender", ServiceBus),
            Type("Microsoft.Azure.ServiceBus.Core.MessageReceiver", ServiceBus),
            Type("Microsoft.Azure.ServiceBus.Management.ManagementClient", ServiceBusAdministration)),
        new RetiredPackage(
            "WindowsAzure.ServiceBus",
            Type("Microsoft.ServiceBus.Messaging.MessagingFactory", ServiceBus),
            Type("Microsoft.ServiceBus.Messaging.QueueClient", ServiceBus),
            Type("Microsoft.ServiceBus.Messaging.TopicClient", ServiceBus),
            Type("Microsoft.ServiceBus.Messaging.SubscriptionClient", ServiceBus),
            Type("Microsoft.ServiceBus.Messaging.MessageSender", ServiceBus),
            Type("Microsoft.ServiceBus.Messaging.MessageReceiver", ServiceBus),
            Type("Microsoft.ServiceBus.NamespaceManager", ServiceBusAdministration),
            Type("Microsoft.ServiceBus.Messaging.EventHubClient", EventHubs)),
        new RetiredPackage(
            "Microsoft.Azure.EventHubs",
            Type("Microsoft.Azure.EventHubs.EventHubClient", EventHubs)),
        new RetiredPackage(
            "Microsoft.Azure.EventHubs.Processor",
            Type("Microsoft.Azure.EventHubs.Processor.EventProcessorHost", EventProcessor)),
        new RetiredPackage(
            "Microsoft.Azure.DocumentDB",
            Type("Microsoft.Azure.Documents.Client.DocumentClient", Cosmos)),
        new RetiredPackage(
            "Microsoft.Azure.KeyVault",
            Type("Microsoft.Azure.KeyVault.KeyVaultClient", KeyVault)));

    private static RetiredType Type(string metadataName, string successor) => new(metadataName, successor);

    /// <summary>A client or entry-point type of a retired package, and what replaces it.</summary>
    private readonly struct RetiredType
    {
        public RetiredType(string metadataName, string successor)
        {
            MetadataName = metadataName;
            Successor = successor;
        }

        public string MetadataName { get; }

        public string Successor { get; }
    }

    /// <summary>A retired package: its types (the first one marks the package) and the static class whose extension methods create them.</summary>
    private sealed class RetiredPackage
    {
        public RetiredPackage(string name, params RetiredType[] types)
            : this(name, factoryClass: null, types)
        {
        }

        public RetiredPackage(string name, string? factoryClass, params RetiredType[] types)
        {
            Name = name;
            Types = ImmutableArray.Create(types);
            Factories = factoryClass is null ? ImmutableArray<string>.Empty : ImmutableArray.Create(factoryClass);
        }

        public string Name { get; }

        public ImmutableArray<RetiredType> Types { get; }

        public ImmutableArray<string> Factories { get; }
    }
}
