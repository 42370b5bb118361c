namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>What a builder's conventions say, and which parameter's callers decide the rest.</summary>
internal readonly struct ConventionSet
{
    public ConventionSet(EndpointConventions conventions, IParameterSymbol? dependsOn)
    {
        Conventions = conventions;
        DependsOn = dependsOn;
    }

    public EndpointConventions Conventions { get; }

    /// <summary>
    /// A route-builder parameter the endpoint is mapped on (<c>static void MapOrders(this RouteGroupBuilder group)</c>):
    /// the group's conventions come from the callers, resolved compilation-wide by <see cref="ApiConfiguration"/>.
    /// </summary>
    public IParameterSymbol? DependsOn { get; }
}

internal sealed partial class EndpointModel
{
    private const int MaxLocalDepth = 4;

    /// <summary>
    /// Conventions applied to a builder after it is created: the fluent chain above it
    /// (<c>MapPost(…).RequireAuthorization()</c>) and, when it is stored in a local, every call on
    /// that local in the same body (<c>var orders = app.MapPost(…); orders.AllowAnonymous();</c>).
    /// </summary>
    public EndpointConventions ChainConventions(IOperation builder) => ChainConventions(builder, 0);

    private EndpointConventions ChainConventions(IOperation builder, int depth)
    {
        var conventions = EndpointConventions.None;
        var current = builder;
        while (true)
        {
            current = current.WalkUpConversions();
            switch (current.Parent)
            {
                case IArgumentOperation { Parent: IInvocationOperation invocation } argument
                    when invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 && invocation.Arguments[0] == argument
                         && IsFluent(invocation, current):
                    conventions |= ConventionOf(invocation);
                    current = invocation;
                    continue;

                case IInvocationOperation invocation when invocation.Instance == current && IsFluent(invocation, current):
                    conventions |= ConventionOf(invocation);
                    current = invocation;
                    continue;

                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when depth < MaxLocalDepth:
                    return conventions | LocalConventions(declarator.Symbol, current, depth + 1);

                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment
                    when assignment.Value == current && depth < MaxLocalDepth:
                    return conventions | LocalConventions(local.Local, current, depth + 1);

                default:
                    return conventions;
            }
        }
    }

    /// <summary>Builder methods return the builder they were called on; <c>MapPost</c> on a group returns another kind and ends the chain.</summary>
    private static bool IsFluent(IInvocationOperation invocation, IOperation receiver)
        => invocation.Type is { } type && SymbolEqualityComparer.Default.Equals(type, receiver.Type);

    /// <summary>Conventions applied through calls on a local that holds a builder.</summary>
    private EndpointConventions LocalConventions(ILocalSymbol local, IOperation anywhereInBody, int depth)
    {
        var conventions = EndpointConventions.None;
        foreach (var reference in SymbolWrites.ReferencesTo(local, anywhereInBody.Root()))
        {
            conventions |= ChainConventionsWithoutStores(reference, depth);
        }

        return conventions;
    }

    private EndpointConventions ChainConventionsWithoutStores(IOperation reference, int depth)
    {
        // A reference that is itself the target of an assignment carries no convention.
        if (reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
        {
            return EndpointConventions.None;
        }

        return ChainConventions(reference, depth);
    }

    /// <summary>
    /// Conventions of the route builder an endpoint is mapped on: the group's own chain
    /// (<c>app.MapGroup("/api").RequireAuthorization()</c>), calls on the local that holds it,
    /// and the groups it is nested in. A route-builder parameter defers to the method's callers.
    /// </summary>
    public ConventionSet GroupConventions(IOperation receiver) => GroupConventions(receiver, 0);

    private ConventionSet GroupConventions(IOperation receiver, int depth)
    {
        var conventions = EndpointConventions.None;
        var current = receiver.WalkDownConversionsAndDelegates();
        while (depth <= MaxLocalDepth)
        {
            switch (current)
            {
                case IInvocationOperation invocation when IsMapGroup(invocation) || IsVersionedApi(invocation):
                    current = invocation.Arguments[0].Value.WalkDownConversionsAndDelegates();
                    continue;

                case IInvocationOperation invocation when invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0
                                                          && IsFluent(invocation, invocation.Arguments[0].Value.WalkDownConversionsAndDelegates()):
                    conventions |= ConventionOf(invocation);
                    current = invocation.Arguments[0].Value.WalkDownConversionsAndDelegates();
                    continue;

                case IInvocationOperation { Instance: { } instance } invocation when IsFluent(invocation, instance.WalkDownConversionsAndDelegates()):
                    conventions |= ConventionOf(invocation);
                    current = instance.WalkDownConversionsAndDelegates();
                    continue;

                case ILocalReferenceOperation reference:
                    depth++;
                    conventions |= LocalConventions(reference.Local, reference, depth);
                    if (InitializerOf(reference.Local, reference) is not { } initializer)
                    {
                        return new ConventionSet(conventions, null);
                    }

                    current = initializer.WalkDownConversionsAndDelegates();
                    continue;

                case IParameterReferenceOperation parameter when CanBeGroup(parameter.Type):
                    return new ConventionSet(conventions, parameter.Parameter);

                default:
                    return new ConventionSet(conventions, null);
            }
        }

        return new ConventionSet(conventions, null);
    }

    /// <summary>
    /// Asp.Versioning's <c>NewVersionedApi()</c>: a versioned API is a route builder over the one it is called on, so its groups
    /// (<c>app.NewVersionedApi().MapGroup(…)</c>) take that builder's conventions, or its callers' when it is a parameter.
    /// </summary>
    private bool IsVersionedApi(IInvocationOperation invocation)
        => invocation.TargetMethod is { Name: "NewVersionedApi", IsExtensionMethod: true } method
           && invocation.Arguments.Length > 0
           && IsRouteBuilder(method.ReturnType);

    /// <summary>
    /// A parameter that may hold a group (<c>RouteGroupBuilder</c>, <c>IEndpointRouteBuilder</c>) defers to the callers;
    /// the app itself (<c>WebApplication</c>) carries no conventions, whoever passes it.
    /// </summary>
    private bool CanBeGroup(ITypeSymbol? type)
        => type is not null && IsRouteBuilder(type) && (type.TypeKind == TypeKind.Interface || TypeIdentity.IsOrInherits(type, Types.EndpointConventionBuilder));

    /// <summary>Policy: the builder the local is declared with; one declared without a value is not followed.</summary>
    private static IOperation? InitializerOf(ILocalSymbol local, IOperation anywhereInBody)
    {
        foreach (var write in SymbolWrites.Of(local, anywhereInBody.Root()))
        {
            return write.Kind == WriteKind.Initializer ? write.Value : null;
        }

        return null;
    }

    /// <summary>Everything that applies to a minimal-API endpoint: its chain, its handler's attributes and its groups.</summary>
    public ConventionSet EndpointConventionsOf(MinimalEndpoint endpoint, out EndpointConventions own)
    {
        own = ChainConventions(endpoint.Invocation);
        if (endpoint.HandlerMethod is { } handler)
        {
            own |= AttributeConventions(handler);
        }

        return GroupConventions(endpoint.Receiver);
    }
}
