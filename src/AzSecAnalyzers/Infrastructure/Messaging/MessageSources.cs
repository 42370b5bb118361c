using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.Taint;

namespace AzSecAnalyzers.Infrastructure.Messaging;

/// <summary>
/// Which members of Service Bus, Event Hubs and Storage queue messages are message bodies: the
/// <see cref="TaintLabels.Message"/> sources the taint rules share with the HTTP request sources of
/// <see cref="RequestSources"/>. One group of the per-compilation <see cref="AzSecContext"/> (<see cref="AzSecContext.Messages"/>).
/// </summary>
internal sealed class MessageSources
{
    private readonly LazyType _serviceBusReceivedMessage;
    private readonly LazyType _processMessageEventArgs;
    private readonly LazyType _processSessionMessageEventArgs;
    private readonly LazyType _eventData;
    private readonly LazyType _processEventArgs;
    private readonly LazyType _queueMessage;
    private readonly LazyType _peekedMessage;

    internal MessageSources(AzSecContext types)
    {
        _serviceBusReceivedMessage = new LazyType(types, WellKnownTypeNames.ServiceBusReceivedMessage);
        _processMessageEventArgs = new LazyType(types, WellKnownTypeNames.ProcessMessageEventArgs);
        _processSessionMessageEventArgs = new LazyType(types, WellKnownTypeNames.ProcessSessionMessageEventArgs);
        _eventData = new LazyType(types, WellKnownTypeNames.EventData);
        _processEventArgs = new LazyType(types, WellKnownTypeNames.ProcessEventArgs);
        _queueMessage = new LazyType(types, WellKnownTypeNames.QueueMessage);
        _peekedMessage = new LazyType(types, WellKnownTypeNames.PeekedMessage);
    }

    public INamedTypeSymbol? ServiceBusReceivedMessage => _serviceBusReceivedMessage.Value;
    public INamedTypeSymbol? ProcessMessageEventArgs => _processMessageEventArgs.Value;
    public INamedTypeSymbol? ProcessSessionMessageEventArgs => _processSessionMessageEventArgs.Value;
    public INamedTypeSymbol? EventData => _eventData.Value;
    public INamedTypeSymbol? ProcessEventArgs => _processEventArgs.Value;
    public INamedTypeSymbol? QueueMessage => _queueMessage.Value;
    public INamedTypeSymbol? PeekedMessage => _peekedMessage.Value;

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
            case "Body" when TypeIdentity.Is(type, ServiceBusReceivedMessage):
                source = new TaintSource(TaintLabels.Message | TaintLabels.Full, "'ServiceBusReceivedMessage.Body'");
                return true;
            case "Message" when TypeIdentity.Is(type, ProcessMessageEventArgs) || TypeIdentity.Is(type, ProcessSessionMessageEventArgs):
                source = new TaintSource(TaintLabels.Message | TaintLabels.Full, "'ProcessMessageEventArgs.Message'");
                return true;
            case "Body" or "EventBody" when TypeIdentity.IsOrInherits(type, EventData):
                source = new TaintSource(TaintLabels.Message | TaintLabels.Full, "'EventData.Body'");
                return true;
            case "Data" when TypeIdentity.Is(type, ProcessEventArgs):
                source = new TaintSource(TaintLabels.Message | TaintLabels.Full, "'ProcessEventArgs.Data'");
                return true;
            case "Body" or "MessageText" when TypeIdentity.Is(type, QueueMessage) || TypeIdentity.Is(type, PeekedMessage):
                source = new TaintSource(TaintLabels.Message | TaintLabels.Full, property.Name == "Body" ? "'QueueMessage.Body'" : "'QueueMessage.MessageText'");
                return true;
            default:
                return false;
        }
    }
}
