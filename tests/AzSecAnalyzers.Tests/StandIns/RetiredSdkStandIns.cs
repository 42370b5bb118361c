namespace AzSecAnalyzers.Tests.StandIns;

/// <summary>
/// Minimal stand-ins for the retired packages AZSEC205 reports that the registry does not serve
/// (Microsoft.Azure.ServiceBus, WindowsAzure.ServiceBus, Microsoft.Azure.EventHubs with its Processor, and
/// Microsoft.Azure.DocumentDB): only the public constructors and factory methods the rule looks at, with the
/// packages' own namespaces, type names and parameter lists. Added as test sources. The served retired packages
/// (WindowsAzure.Storage, Microsoft.Azure.Storage.*, Microsoft.Azure.Cosmos.Table, Microsoft.Azure.KeyVault, ADAL)
/// are real assemblies: <see cref="Verifiers.TestReferences.WithRetiredSdks"/>.
/// </summary>
internal static class RetiredSdkStandIns
{
    /// <summary>Microsoft.Azure.ServiceBus 4.x.</summary>
    public const string ServiceBus = """
        #nullable disable
        namespace Microsoft.Azure.ServiceBus
        {
            public enum ReceiveMode { PeekLock, ReceiveAndDelete }
            public enum TransportType { Amqp, AmqpWebSockets }
            public abstract class RetryPolicy { }

            public class ServiceBusConnection
            {
                public ServiceBusConnection(string connectionString) { }
                public ServiceBusConnection(string endpoint, TransportType transportType, RetryPolicy retryPolicy = null) { }
            }

            public class QueueClient
            {
                public QueueClient(string connectionString, string entityPath, ReceiveMode receiveMode = ReceiveMode.PeekLock, RetryPolicy retryPolicy = null) { }
                public QueueClient(string endpoint, string entityPath, Primitives.ITokenProvider tokenProvider, TransportType transportType = TransportType.Amqp, ReceiveMode receiveMode = ReceiveMode.PeekLock, RetryPolicy retryPolicy = null) { }
                public QueueClient(ServiceBusConnection serviceBusConnection, string entityPath, ReceiveMode receiveMode, RetryPolicy retryPolicy) { }
            }

            public class TopicClient
            {
                public TopicClient(string connectionString, string entityPath, RetryPolicy retryPolicy = null) { }
            }

            public class SubscriptionClient
            {
                public SubscriptionClient(string connectionString, string topicPath, string subscriptionName, ReceiveMode receiveMode = ReceiveMode.PeekLock, RetryPolicy retryPolicy = null) { }
            }

            public class SessionClient
            {
                public SessionClient(string connectionString, string entityPath, ReceiveMode receiveMode = ReceiveMode.PeekLock, RetryPolicy retryPolicy = null, int prefetchCount = 0) { }
            }
        }

        namespace Microsoft.Azure.ServiceBus.Primitives
        {
            public interface ITokenProvider { }

            public abstract class TokenProvider : ITokenProvider
            {
                public static ITokenProvider CreateSharedAccessSignatureTokenProvider(string keyName, string sharedAccessKey) => null;
                public static ITokenProvider CreateManagedIdentityTokenProvider() => null;
            }
        }

        namespace Microsoft.Azure.ServiceBus.Core
        {
            public class MessageSender
            {
                public MessageSender(string connectionString, string entityPath, RetryPolicy retryPolicy = null) { }
            }

            public class MessageReceiver
            {
                public MessageReceiver(string connectionString, string entityPath, ReceiveMode receiveMode = ReceiveMode.PeekLock, RetryPolicy retryPolicy = null, int prefetchCount = 0) { }
            }
        }

        namespace Microsoft.Azure.ServiceBus.Management
        {
            public class ManagementClient
            {
                public ManagementClient(string connectionString) { }
                public ManagementClient(string endpoint, Microsoft.Azure.ServiceBus.Primitives.ITokenProvider tokenProvider) { }
            }
        }
        """;

    /// <summary>WindowsAzure.ServiceBus (Microsoft.ServiceBus.dll): clients come from static and factory methods, not constructors.</summary>
    public const string WindowsAzureServiceBus = """
        #nullable disable
        namespace Microsoft.ServiceBus
        {
            public abstract class TokenProvider
            {
                public static TokenProvider CreateSharedAccessSignatureTokenProvider(string keyName, string sharedAccessKey) => null;
            }

            public class NamespaceManager
            {
                public NamespaceManager(System.Uri address, TokenProvider tokenProvider) { }
                public static NamespaceManager CreateFromConnectionString(string connectionString) => null;
                public bool QueueExists(string path) => false;
            }
        }

        namespace Microsoft.ServiceBus.Messaging
        {
            public enum ReceiveMode { PeekLock, ReceiveAndDelete }

            public abstract class MessagingFactory
            {
                public static MessagingFactory Create(System.Uri address, Microsoft.ServiceBus.TokenProvider tokenProvider) => null;
                public static MessagingFactory CreateFromConnectionString(string connectionString) => null;
                public static System.Threading.Tasks.Task<MessagingFactory> CreateAsync(System.Uri address, Microsoft.ServiceBus.TokenProvider tokenProvider) => null;
                public System.Threading.Tasks.Task<MessageSender> CreateMessageSenderAsync(string entityPath) => null;
                public System.Threading.Tasks.Task<MessageReceiver> CreateMessageReceiverAsync(string entityPath, ReceiveMode receiveMode) => null;
                public System.Threading.Tasks.Task<MessageSession> AcceptMessageSessionAsync() => null;
                public QueueClient CreateQueueClient(string path) => null;
                public TopicClient CreateTopicClient(string path) => null;
                public SubscriptionClient CreateSubscriptionClient(string topicPath, string name) => null;
                public MessageSender CreateMessageSender(string entityPath) => null;
                public MessageReceiver CreateMessageReceiver(string entityPath) => null;
                public EventHubClient CreateEventHubClient(string path) => null;
            }

            public abstract class QueueClient
            {
                public static QueueClient Create(string path) => null;
                public static QueueClient CreateFromConnectionString(string connectionString, string path) => null;
                public static QueueClient CreateFromConnectionString(string connectionString, string path, ReceiveMode mode) => null;
                public static string FormatDeadLetterPath(string queuePath) => null;
            }

            public abstract class TopicClient
            {
                public static TopicClient CreateFromConnectionString(string connectionString, string path) => null;
            }

            public abstract class SubscriptionClient
            {
                public static SubscriptionClient CreateFromConnectionString(string connectionString, string topicPath, string name) => null;
            }

            public abstract class MessageSender { }

            public abstract class MessageSession { }

            public abstract class MessageReceiver { }

            public abstract class EventHubClient
            {
                public static EventHubClient CreateFromConnectionString(string connectionString) => null;
                public static EventHubClient CreateFromConnectionString(string connectionString, string path) => null;
            }
        }
        """;

    /// <summary>Microsoft.Azure.EventHubs 4.x and Microsoft.Azure.EventHubs.Processor 4.x.</summary>
    public const string EventHubs = """
        #nullable disable
        namespace Microsoft.Azure.EventHubs
        {
            public class EventHubsConnectionStringBuilder
            {
                public EventHubsConnectionStringBuilder(string connectionString) { }
            }

            public abstract class PartitionSender { }

            public abstract class EventHubClient
            {
                public static EventHubClient CreateFromConnectionString(string connectionString) => null;
                public static EventHubClient Create(EventHubsConnectionStringBuilder csb) => null;
                public static EventHubClient CreateWithManagedIdentity(System.Uri endpointAddress, string entityPath) => null;
                public PartitionSender CreatePartitionSender(string partitionId) => null;
            }
        }

        namespace Microsoft.Azure.EventHubs.Processor
        {
            public class EventProcessorHost
            {
                public EventProcessorHost(string eventHubPath, string consumerGroupName, string eventHubConnectionString, string storageConnectionString, string leaseContainerName) { }
                public EventProcessorHost(string hostName, string eventHubPath, string consumerGroupName, string eventHubConnectionString, string storageConnectionString, string leaseContainerName, string storageBlobPrefix = null) { }
            }
        }
        """;

    /// <summary>Microsoft.Azure.DocumentDB 2.x (and its .Core twin): the same namespaces.</summary>
    public const string DocumentDb = """
        #nullable disable
        namespace Microsoft.Azure.Documents
        {
            public enum ConsistencyLevel { Strong, BoundedStaleness, Session, Eventual, ConsistentPrefix }
        }

        namespace Microsoft.Azure.Documents.Client
        {
            public sealed class ConnectionPolicy { }

            public class DocumentClient
            {
                public DocumentClient(System.Uri serviceEndpoint, string authKeyOrResourceToken, ConnectionPolicy connectionPolicy = null, Microsoft.Azure.Documents.ConsistencyLevel? desiredConsistencyLevel = null) { }
                public DocumentClient(System.Uri serviceEndpoint, System.Security.SecureString authKey, ConnectionPolicy connectionPolicy = null, Microsoft.Azure.Documents.ConsistencyLevel? desiredConsistencyLevel = null) { }
            }
        }
        """;
}
