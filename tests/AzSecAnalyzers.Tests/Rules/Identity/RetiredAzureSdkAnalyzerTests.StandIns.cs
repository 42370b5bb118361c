using AzSecAnalyzers.Tests.StandIns;

namespace AzSecAnalyzers.Tests.Rules.Identity;

/// <summary>AZSEC205 on the retired packages the registry does not serve, through <see cref="RetiredSdkStandIns"/>.</summary>
public partial class RetiredAzureSdkAnalyzerTests
{
    [Fact]
    public Task MicrosoftAzureServiceBus_Clients_Trigger() => VerifyAsync("""
        using Microsoft.Azure.ServiceBus;
        using Microsoft.Azure.ServiceBus.Core;
        using Microsoft.Azure.ServiceBus.Management;
        using Microsoft.Azure.ServiceBus.Primitives;

        class Orders
        {
            void Open(string connectionString, string endpoint)
            {
                var queue = new {|#0:QueueClient|}(connectionString, "orders");
                var topic = new {|#1:TopicClient|}(connectionString, "events");
                var subscription = new {|#2:SubscriptionClient|}(connectionString, "events", "audit");
                var sender = new {|#3:MessageSender|}(connectionString, "orders");
                var receiver = new {|#4:MessageReceiver|}(connectionString, "orders");
                var management = new {|#5:ManagementClient|}(connectionString);
                var connection = new {|#6:ServiceBusConnection|}(connectionString);
                var withIdentity = new {|#7:QueueClient|}(endpoint, "orders", TokenProvider.CreateManagedIdentityTokenProvider());
            }
        }
        """,
        new[] { RetiredSdkStandIns.ServiceBus },
        Expected(0, "QueueClient", "Microsoft.Azure.ServiceBus", ServiceBus),
        Expected(1, "TopicClient", "Microsoft.Azure.ServiceBus", ServiceBus),
        Expected(2, "SubscriptionClient", "Microsoft.Azure.ServiceBus", ServiceBus),
        Expected(3, "MessageSender", "Microsoft.Azure.ServiceBus", ServiceBus),
        Expected(4, "MessageReceiver", "Microsoft.Azure.ServiceBus", ServiceBus),
        Expected(5, "ManagementClient", "Microsoft.Azure.ServiceBus", ServiceBusAdministration),
        Expected(6, "ServiceBusConnection", "Microsoft.Azure.ServiceBus", ServiceBus),
        Expected(7, "QueueClient", "Microsoft.Azure.ServiceBus", ServiceBus));

    [Fact]
    public Task WindowsAzureServiceBus_Factories_Trigger_OtherMembersDoNot() => VerifyAsync("""
        using System;
        using Microsoft.ServiceBus;
        using Microsoft.ServiceBus.Messaging;

        class Legacy
        {
            void Open(string connectionString, Uri address)
            {
                var queue = QueueClient.{|#0:CreateFromConnectionString|}(connectionString, "orders");
                var topic = TopicClient.{|#1:CreateFromConnectionString|}(connectionString, "events");
                var factory = MessagingFactory.{|#2:CreateFromConnectionString|}(connectionString);
                var sender = factory.{|#3:CreateMessageSender|}("orders");
                var manager = NamespaceManager.{|#4:CreateFromConnectionString|}(connectionString);
                var other = new {|#5:NamespaceManager|}(address, TokenProvider.CreateSharedAccessSignatureTokenProvider("send", "key-from-config"));
                var hub = EventHubClient.{|#6:CreateFromConnectionString|}(connectionString, "telemetry");

                _ = QueueClient.FormatDeadLetterPath("orders");
                _ = manager.QueueExists("orders");
            }
        }
        """,
        new[] { RetiredSdkStandIns.WindowsAzureServiceBus },
        Expected(0, "QueueClient.CreateFromConnectionString", "WindowsAzure.ServiceBus", ServiceBus),
        Expected(1, "TopicClient.CreateFromConnectionString", "WindowsAzure.ServiceBus", ServiceBus),
        Expected(2, "MessagingFactory.CreateFromConnectionString", "WindowsAzure.ServiceBus", ServiceBus),
        Expected(3, "MessagingFactory.CreateMessageSender", "WindowsAzure.ServiceBus", ServiceBus),
        Expected(4, "NamespaceManager.CreateFromConnectionString", "WindowsAzure.ServiceBus", ServiceBusAdministration),
        Expected(5, "NamespaceManager", "WindowsAzure.ServiceBus", ServiceBusAdministration),
        Expected(6, "EventHubClient.CreateFromConnectionString", "WindowsAzure.ServiceBus", EventHubs));

    [Fact]
    public Task WindowsAzureServiceBus_AsyncFactories_TriggerOnTheClientTheyHandOut() => VerifyAsync("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.ServiceBus;
        using Microsoft.ServiceBus.Messaging;

        class Pump
        {
            async Task Run(Uri address, TokenProvider tokenProvider)
            {
                var factory = await MessagingFactory.{|#0:CreateAsync|}(address, tokenProvider);
                var sender = await factory.{|#1:CreateMessageSenderAsync|}("orders");
                var receiver = await factory.{|#2:CreateMessageReceiverAsync|}("orders", ReceiveMode.PeekLock);

                // A session handed out by an existing client is not a construction of a retired client.
                var session = await factory.AcceptMessageSessionAsync();
            }
        }
        """,
        new[] { RetiredSdkStandIns.WindowsAzureServiceBus },
        Expected(0, "MessagingFactory.CreateAsync", "WindowsAzure.ServiceBus", ServiceBus),
        Expected(1, "MessagingFactory.CreateMessageSenderAsync", "WindowsAzure.ServiceBus", ServiceBus),
        Expected(2, "MessagingFactory.CreateMessageReceiverAsync", "WindowsAzure.ServiceBus", ServiceBus));

    [Fact]
    public Task MicrosoftAzureEventHubs_ClientAndProcessorHost_Trigger() => VerifyAsync("""
        using System;
        using Microsoft.Azure.EventHubs;
        using Microsoft.Azure.EventHubs.Processor;

        class Telemetry
        {
            void Open(string connectionString, string storageConnectionString, Uri endpoint)
            {
                var client = EventHubClient.{|#0:CreateFromConnectionString|}(connectionString);
                var viaBuilder = EventHubClient.{|#1:Create|}(new EventHubsConnectionStringBuilder(connectionString));
                var withIdentity = EventHubClient.{|#2:CreateWithManagedIdentity|}(endpoint, "telemetry");
                var host = new {|#3:EventProcessorHost|}("telemetry", "$Default", connectionString, storageConnectionString, "leases");

                // A sender of a client already reported is not a second finding.
                var sender = client.CreatePartitionSender("0");
            }
        }
        """,
        new[] { RetiredSdkStandIns.EventHubs },
        Expected(0, "EventHubClient.CreateFromConnectionString", "Microsoft.Azure.EventHubs", EventHubs),
        Expected(1, "EventHubClient.Create", "Microsoft.Azure.EventHubs", EventHubs),
        Expected(2, "EventHubClient.CreateWithManagedIdentity", "Microsoft.Azure.EventHubs", EventHubs),
        Expected(3, "EventProcessorHost", "Microsoft.Azure.EventHubs.Processor", EventProcessor));

    [Fact]
    public Task DocumentClient_Triggers() => VerifyAsync("""
        using System;
        using Microsoft.Azure.Documents.Client;

        class Catalog
        {
            DocumentClient Open(Uri endpoint, string key) => new {|#0:DocumentClient|}(endpoint, key);
        }
        """,
        new[] { RetiredSdkStandIns.DocumentDb },
        Expected(0, "DocumentClient", "Microsoft.Azure.DocumentDB", Cosmos));
}
