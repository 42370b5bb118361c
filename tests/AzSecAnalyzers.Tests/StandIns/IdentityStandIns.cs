namespace AzSecAnalyzers.Tests.StandIns;

/// <summary>
/// Minimal stand-ins for two packages the registry does not serve (Azure.Data.AppConfiguration and
/// Azure.Messaging.EventHubs.Processor): only the public constructor signatures AZSEC201 looks at,
/// copied from the packages' public API, in the packages' own namespaces. Added as test sources.
/// </summary>
internal static class IdentityStandIns
{
    public const string AppConfiguration = """
        namespace Azure.Data.AppConfiguration
        {
            public class ConfigurationClientOptions : Azure.Core.ClientOptions { }

            public class ConfigurationClient
            {
                public ConfigurationClient(string connectionString) { }
                public ConfigurationClient(string connectionString, ConfigurationClientOptions options) { }
                public ConfigurationClient(System.Uri endpoint, Azure.Core.TokenCredential credential) { }
                public ConfigurationClient(System.Uri endpoint, Azure.Core.TokenCredential credential, ConfigurationClientOptions options) { }
            }
        }
        """;

    public const string EventHubsProcessor = """
        namespace Azure.Messaging.EventHubs
        {
            public class EventProcessorClientOptions { }

            public class EventProcessorClient
            {
                public EventProcessorClient(Azure.Storage.Blobs.BlobContainerClient checkpointStore, string consumerGroup, string connectionString) { }
                public EventProcessorClient(Azure.Storage.Blobs.BlobContainerClient checkpointStore, string consumerGroup, string connectionString, EventProcessorClientOptions clientOptions) { }
                public EventProcessorClient(Azure.Storage.Blobs.BlobContainerClient checkpointStore, string consumerGroup, string connectionString, string eventHubName) { }
                public EventProcessorClient(Azure.Storage.Blobs.BlobContainerClient checkpointStore, string consumerGroup, string connectionString, string eventHubName, EventProcessorClientOptions clientOptions) { }
                public EventProcessorClient(Azure.Storage.Blobs.BlobContainerClient checkpointStore, string consumerGroup, string fullyQualifiedNamespace, string eventHubName, Azure.Core.TokenCredential credential, EventProcessorClientOptions? clientOptions = default) { }
                public EventProcessorClient(Azure.Storage.Blobs.BlobContainerClient checkpointStore, string consumerGroup, string fullyQualifiedNamespace, string eventHubName, Azure.AzureNamedKeyCredential credential, EventProcessorClientOptions? clientOptions = default) { }
            }
        }
        """;
}
