using AzSecAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// Recognises a value read from an Azure messaging payload (Service Bus <c>Body</c>, Event Hubs
/// <c>EventBody</c>/<c>Body</c>, Storage queue <c>Body</c>/<c>MessageText</c>), directly or through
/// conversions, calls on it (<c>ToString()</c>, <c>ToStream()</c>, <c>Encoding.UTF8.GetString(…)</c>),
/// constructors wrapping it and locals assigned from it in the same body. Used by AZSEC411 to say
/// which external data is deserialized.
/// </summary>
internal sealed class MessageBodies
{
    private const int MaxDepth = 6;

    private readonly INamedTypeSymbol? _serviceBus;
    private readonly INamedTypeSymbol? _eventData;
    private readonly INamedTypeSymbol? _queueMessage;
    private readonly INamedTypeSymbol? _peekedMessage;

    private MessageBodies(INamedTypeSymbol? serviceBus, INamedTypeSymbol? eventData, INamedTypeSymbol? queueMessage, INamedTypeSymbol? peekedMessage)
    {
        _serviceBus = serviceBus;
        _eventData = eventData;
        _queueMessage = queueMessage;
        _peekedMessage = peekedMessage;
    }

    public static MessageBodies Create(KnownTypes types) => new(
        types.Get(WellKnownTypeNames.ServiceBusReceivedMessage),
        types.Get(WellKnownTypeNames.EventData),
        types.Get(WellKnownTypeNames.QueueMessage),
        types.Get(WellKnownTypeNames.PeekedMessage));

    private bool IsEmpty => _serviceBus is null && _eventData is null && _queueMessage is null && _peekedMessage is null;

    /// <summary>"the Service Bus message body" and the like when <paramref name="value"/> comes from one; otherwise null.</summary>
    public string? Describe(IOperation? value)
        => value is null || IsEmpty ? null : Describe(value, value.Root(), MaxDepth);

    private string? Describe(IOperation value, IOperation root, int depth)
    {
        if (depth == 0)
        {
            return null;
        }

        value = value.WalkDownConversionsAndDelegates();
        switch (value)
        {
            case IPropertyReferenceOperation property:
                return Payload(property.Property) ?? (property.Instance is { } owner ? Describe(owner, root, depth - 1) : null);
            case IInvocationOperation invocation:
                if (invocation.Instance is { } instance && Describe(instance, root, depth - 1) is { } fromInstance)
                {
                    return fromInstance;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (Describe(argument.Value, root, depth - 1) is { } fromArgument)
                    {
                        return fromArgument;
                    }
                }

                return null;
            case IObjectCreationOperation creation:
                foreach (var argument in creation.Arguments)
                {
                    if (Describe(argument.Value, root, depth - 1) is { } fromArgument)
                    {
                        return fromArgument;
                    }
                }

                return null;
            case IAwaitOperation awaited:
                return Describe(awaited.Operation, root, depth - 1);
            case ILocalReferenceOperation local:
                foreach (var assigned in LocalValues.Of(local.Local, root))
                {
                    if (Describe(assigned, root, depth - 1) is { } fromLocal)
                    {
                        return fromLocal;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private string? Payload(IPropertySymbol property)
    {
        var owner = property.ContainingType;
        if (Is(owner, _serviceBus) && property.Name == "Body")
        {
            return "the Service Bus message body";
        }

        if (Is(owner, _eventData) && property.Name is "EventBody" or "Body")
        {
            return "the Event Hubs event body";
        }

        if ((Is(owner, _queueMessage) || Is(owner, _peekedMessage)) && property.Name is "Body" or "MessageText")
        {
            return "the Storage queue message body";
        }

        return null;
    }

    private static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? expected)
    {
        for (var current = type; current is not null && expected is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, expected))
            {
                return true;
            }
        }

        return false;
    }
}
