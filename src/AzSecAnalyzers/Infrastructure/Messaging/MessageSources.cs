using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.Taint;
using Microsoft.CodeAnalysis;

namespace AzSecAnalyzers.Infrastructure.Messaging;

/// <summary>
/// Which members of Service Bus, Event Hubs and Storage queue messages are message bodies: the
/// <see cref="TaintLabels.Message"/> sources the taint rules share with the HTTP request sources of
/// <see cref="RequestSources"/>.
/// </summary>
internal sealed class MessageSources
{
    public MessageSources(KnownTypes types)
    {
        ServiceBusReceivedMessage = types.Get(WellKnownTypeNames.ServiceBusReceivedMessage);
        ProcessMessageEventArgs = types.Get(WellKnownTypeNames.ProcessMessageEventArgs);
        ProcessSessionMessageEventArgs = types.Get(WellKnownTypeNames.ProcessSessionMessageEventArgs);
        EventData = types.Get(WellKnownTypeNames.EventData);
        ProcessEventArgs = types.Get(WellKnownTypeNames.ProcessEventArgs);
        QueueMessage = types.Get(WellKnownTypeNames.QueueMessage);
        PeekedMessage = types.Get(WellKnownTypeNames.PeekedMessage);
    }

    public INamedTypeSymbol? ServiceBusReceivedMessage { get; }
    public INamedTypeSymbol? ProcessMessageEventArgs { get; }
    public INamedTypeSymbol? ProcessSessionMessageEventArgs { get; }
    public INamedTypeSymbol? EventData { get; }
    public INamedTypeSymbol? ProcessEventArgs { get; }
    public INamedTypeSymbol? QueueMessage { get; }
    public INamedTypeSymbol? PeekedMessage { get; }

    /// <summary>True when a messaging SDK (Service Bus, Event Hubs, Storage queues) is referenced.</summary>
    public bool HasMessages => ServiceBusReceivedMessage is not null || EventData is not null || QueueMessage is not null;

    /// <summary>
    /// <c>ServiceBusReceivedMessage.Body</c>, <c>ProcessMessageEventArgs.Message</c>, <c>EventData.Body/EventBody</c>,
    /// <c>ProcessEventArgs.Data</c>, <c>QueueMessage</c>/<c>PeekedMessage</c> <c>Body/MessageText</c> (<see cref="TaintLabels.Message"/>).
    /// </summary>
    public bool TryGetPropertySource(IPropertySymbol property, out TaintSource source)
    {
        source = default;
        var type = property.ContainingType;
        switch (property.Name)
        {
            case "Body" when AspNetCoreTypes.Is(type, ServiceBusReceivedMessage):
                source = new TaintSource(TaintLabels.Message | TaintLabels.Full, "'ServiceBusReceivedMessage.Body'");
                return true;
            case "Message" when AspNetCoreTypes.Is(type, ProcessMessageEventArgs) || AspNetCoreTypes.Is(type, ProcessSessionMessageEventArgs):
                source = new TaintSource(TaintLabels.Message | TaintLabels.Full, "'ProcessMessageEventArgs.Message'");
                return true;
            case "Body" or "EventBody" when AspNetCoreTypes.IsOrInherits(type, EventData):
                source = new TaintSource(TaintLabels.Message | TaintLabels.Full, "'EventData.Body'");
                return true;
            case "Data" when AspNetCoreTypes.Is(type, ProcessEventArgs):
                source = new TaintSource(TaintLabels.Message | TaintLabels.Full, "'ProcessEventArgs.Data'");
                return true;
            case "Body" or "MessageText" when AspNetCoreTypes.Is(type, QueueMessage) || AspNetCoreTypes.Is(type, PeekedMessage):
                source = new TaintSource(TaintLabels.Message | TaintLabels.Full, property.Name == "Body" ? "'QueueMessage.Body'" : "'QueueMessage.MessageText'");
                return true;
            default:
                return false;
        }
    }
}
