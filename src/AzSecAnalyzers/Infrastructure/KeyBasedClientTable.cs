namespace AzSecAnalyzers.Infrastructure;

/// <summary>How the AZSEC201 code fix rebuilds a client of a family on its TokenCredential overload.</summary>
public enum ClientFamily
{
    /// <summary>Only key-credential arguments are reported; the fix swaps the credential argument.</summary>
    KeyCredential = 0,
    BlobStorage,
    QueueStorage,
    TableStorage,
    FileStorage,
    DataLakeStorage,
    ServiceBus,
    EventHubs,
    CosmosDb,
    AppConfiguration,
}

/// <summary>One client type whose string parameters named in <see cref="KeyParameters"/> carry a connection string or key.</summary>
internal readonly struct KeyBasedClient
{
    public KeyBasedClient(string metadataName, ClientFamily family, params string[] keyParameters)
    {
        MetadataName = metadataName;
        Family = family;
        KeyParameters = ImmutableArray.Create(keyParameters);
    }

    public string MetadataName { get; }

    public ClientFamily Family { get; }

    public ImmutableArray<string> KeyParameters { get; }
}

/// <summary>
/// The one table AZSEC201 is driven by: each client type, resolved by metadata name, and the names of
/// the string parameters of its key-based constructors. A type counts only when the compilation sees it
/// and it has a constructor taking a <c>TokenCredential</c>. Arguments typed as a key credential
/// (<c>AzureKeyCredential</c>, <c>AzureNamedKeyCredential</c>, <c>AzureSasCredential</c>,
/// <c>StorageSharedKeyCredential</c>, <c>TableSharedKeyCredential</c>, <c>ApiKeyCredential</c>) are reported
/// on any Azure client with a TokenCredential overload, listed here or not (Search, OpenAI, Event Grid, Maps, …).
/// </summary>
internal static class KeyBasedClientTable
{
    public const string ConnectionStringParameter = "connectionString";
    public const string CosmosKeyParameter = "authKeyOrResourceToken";

    public static readonly ImmutableArray<KeyBasedClient> Clients = ImmutableArray.Create(
        new KeyBasedClient("Azure.Storage.Blobs.BlobServiceClient", ClientFamily.BlobStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Storage.Blobs.BlobContainerClient", ClientFamily.BlobStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Storage.Blobs.BlobClient", ClientFamily.BlobStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Storage.Blobs.Specialized.BlockBlobClient", ClientFamily.BlobStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Storage.Blobs.Specialized.AppendBlobClient", ClientFamily.BlobStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Storage.Blobs.Specialized.PageBlobClient", ClientFamily.BlobStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Storage.Queues.QueueServiceClient", ClientFamily.QueueStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Storage.Queues.QueueClient", ClientFamily.QueueStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Data.Tables.TableServiceClient", ClientFamily.TableStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Data.Tables.TableClient", ClientFamily.TableStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Storage.Files.Shares.ShareServiceClient", ClientFamily.FileStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Storage.Files.Shares.ShareClient", ClientFamily.FileStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Storage.Files.Shares.ShareDirectoryClient", ClientFamily.FileStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Storage.Files.Shares.ShareFileClient", ClientFamily.FileStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Storage.Files.DataLake.DataLakeServiceClient", ClientFamily.DataLakeStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Storage.Files.DataLake.DataLakeFileSystemClient", ClientFamily.DataLakeStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Storage.Files.DataLake.DataLakeDirectoryClient", ClientFamily.DataLakeStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Storage.Files.DataLake.DataLakeFileClient", ClientFamily.DataLakeStorage, ConnectionStringParameter),
        new KeyBasedClient("Azure.Messaging.ServiceBus.ServiceBusClient", ClientFamily.ServiceBus, ConnectionStringParameter),
        new KeyBasedClient("Azure.Messaging.ServiceBus.Administration.ServiceBusAdministrationClient", ClientFamily.ServiceBus, ConnectionStringParameter),
        new KeyBasedClient("Azure.Messaging.EventHubs.Producer.EventHubProducerClient", ClientFamily.EventHubs, ConnectionStringParameter),
        new KeyBasedClient("Azure.Messaging.EventHubs.Producer.EventHubBufferedProducerClient", ClientFamily.EventHubs, ConnectionStringParameter),
        new KeyBasedClient("Azure.Messaging.EventHubs.Consumer.EventHubConsumerClient", ClientFamily.EventHubs, ConnectionStringParameter),
        new KeyBasedClient("Azure.Messaging.EventHubs.Primitives.PartitionReceiver", ClientFamily.EventHubs, ConnectionStringParameter),
        new KeyBasedClient("Azure.Messaging.EventHubs.EventProcessorClient", ClientFamily.EventHubs, ConnectionStringParameter),
        new KeyBasedClient("Microsoft.Azure.Cosmos.CosmosClient", ClientFamily.CosmosDb, ConnectionStringParameter, CosmosKeyParameter),
        new KeyBasedClient("Microsoft.Azure.Cosmos.Fluent.CosmosClientBuilder", ClientFamily.CosmosDb, ConnectionStringParameter, CosmosKeyParameter),
        new KeyBasedClient("Azure.Data.AppConfiguration.ConfigurationClient", ClientFamily.AppConfiguration, ConnectionStringParameter));

    /// <summary>Argument types that carry a shared key, SAS or API key.</summary>
    public static readonly ImmutableArray<string> KeyCredentialTypes = ImmutableArray.Create(
        Infrastructure.WellKnownTypeNames.AzureKeyCredential,
        Infrastructure.WellKnownTypeNames.AzureNamedKeyCredential,
        Infrastructure.WellKnownTypeNames.AzureSasCredential,
        Infrastructure.WellKnownTypeNames.StorageSharedKeyCredential,
        Infrastructure.WellKnownTypeNames.TableSharedKeyCredential,
        Infrastructure.WellKnownTypeNames.ApiKeyCredential);

    /// <summary>The namespace of the <c>Microsoft.Extensions.Azure</c> registration extensions (<c>AddBlobServiceClient(string)</c>, …).</summary>
    public const string RegistrationNamespace = "Microsoft.Extensions.Azure";
}
