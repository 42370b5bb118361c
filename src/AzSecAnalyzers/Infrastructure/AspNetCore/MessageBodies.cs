using AzSecAnalyzers.Infrastructure.Messaging;
using AzSecAnalyzers.Infrastructure.Taint;

namespace AzSecAnalyzers.Infrastructure.AspNetCore;

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

    private readonly MessageSources _sources;

    private MessageBodies(MessageSources sources) => _sources = sources;

    public static MessageBodies Create(AzSecContext types) => new(types.Messages);

    /// <summary>"the Service Bus message body" and the like when <paramref name="value"/> comes from one; otherwise null.</summary>
    public string? Describe(IOperation? value)
        => value is null || !_sources.HasMessages ? null : Describe(value, value.Root(), MaxDepth);

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
                return Payload(property) ?? (property.Instance is { } owner ? Describe(owner, root, depth - 1) : null);
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
                // Policy: any value the local is given (initializer or assignment) that is a message body.
                foreach (var write in SymbolWrites.Of(local.Local, root))
                {
                    if (write.Value is { } assigned && Describe(assigned, root, depth - 1) is { } fromLocal)
                    {
                        return fromLocal;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    // The message sources are the shared model's (MessageSources); only the wording is AZSEC411's.
    private string? Payload(IPropertyReferenceOperation property)
    {
        if (!_sources.TryGetPropertySource(property.Property, out var source) || !source.Labels.HasAny(TaintLabels.Message))
        {
            return null;
        }

        var owner = property.Property.ContainingType;
        if (TypeIdentity.IsOrInherits(owner, _sources.EventData) || owner.Name == "ProcessEventArgs")
        {
            return "the Event Hubs event body";
        }

        return TypeIdentity.IsOrInherits(owner, _sources.QueueMessage) || TypeIdentity.IsOrInherits(owner, _sources.PeekedMessage)
            ? "the Storage queue message body"
            : "the Service Bus message body";
    }
}
