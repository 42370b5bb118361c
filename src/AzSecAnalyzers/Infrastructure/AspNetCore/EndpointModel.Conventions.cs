namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>What a builder's conventions say, and which parameter's callers decide the rest.</summary>
internal readonly struct ConventionSet
{
    public ConventionSet(EndpointConventions conventions, IParameterSymbol? dependsOn, IMethodSymbol? returnedFrom = null)
    {
        Conventions = conventions;
        DependsOn = dependsOn;
        ReturnedFrom = returnedFrom;
    }

    public EndpointConventions Conventions { get; }

    /// <summary>
    /// A route-builder parameter the endpoint is mapped on (<c>static void MapOrders(this RouteGroupBuilder group)</c>):
    /// the group's conventions come from the callers, resolved compilation-wide by <see cref="ApiConfiguration"/>.
    /// </summary>
    public IParameterSymbol? DependsOn { get; }

    /// <summary>
    /// A method that returns the group (<c>var api = app.MapGroup("/orders"); …; return api;</c>): what its callers
    /// apply to the result (<c>app.MapOrdersApi().RequireAuthorization()</c>) applies to the endpoints too.
    /// </summary>
    public IMethodSymbol? ReturnedFrom { get; }
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
        IMethodSymbol? returnedFrom = null;
        var current = receiver.WalkDownConversionsAndDelegates();
        while (depth <= MaxLocalDepth)
        {
            returnedFrom ??= ReturnedFrom(current);
            switch (current)
            {
                case IInvocationOperation invocation when IsMapGroup(invocation) || IsGroupFactory(invocation):
                    current = (invocation.Instance ?? invocation.Arguments[0].Value).WalkDownConversionsAndDelegates();
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
                    returnedFrom ??= ReturnedFrom(reference.Local, reference);
                    if (InitializerOf(reference.Local, reference) is not { } initializer)
                    {
                        return new ConventionSet(conventions, null, returnedFrom);
                    }

                    current = initializer.WalkDownConversionsAndDelegates();
                    continue;

                case IParameterReferenceOperation parameter when CanBeGroup(parameter.Type):
                    return new ConventionSet(conventions, parameter.Parameter, returnedFrom ?? ReturnedFrom(parameter.Parameter, parameter));

                default:
                    return new ConventionSet(conventions, null, returnedFrom);
            }
        }

        return new ConventionSet(conventions, null, returnedFrom);
    }

    /// <summary>The constant prefixes of the groups a builder is (<c>app.MapGroup("/api").MapGroup("/transfers")</c>), innermost first.</summary>
    public List<string> GroupPrefixes(IOperation receiver)
    {
        var prefixes = new List<string>();
        var current = receiver.WalkDownConversionsAndDelegates();
        for (var steps = 0; steps < 4 * MaxLocalDepth; steps++)
        {
            switch (current)
            {
                case IInvocationOperation invocation when IsMapGroup(invocation) || IsGroupFactory(invocation):
                    foreach (var argument in invocation.Arguments)
                    {
                        if (invocation.TargetMethod.Name == "MapGroup" && argument.Value.ConstantValue is { HasValue: true, Value: string prefix }
                            && argument.Parameter?.Type.SpecialType == SpecialType.System_String)
                        {
                            prefixes.Add(prefix);
                        }
                    }

                    current = (invocation.Instance ?? invocation.Arguments[0].Value).WalkDownConversionsAndDelegates();
                    continue;

                case IInvocationOperation invocation when invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0
                                                          && IsFluent(invocation, invocation.Arguments[0].Value.WalkDownConversionsAndDelegates()):
                    current = invocation.Arguments[0].Value.WalkDownConversionsAndDelegates();
                    continue;

                case ILocalReferenceOperation reference when InitializerOf(reference.Local, reference) is { } initializer:
                    current = initializer.WalkDownConversionsAndDelegates();
                    continue;
            }

            break;
        }

        return prefixes;
    }

    /// <summary>
    /// A call that makes a group from a route builder without being <c>EndpointRouteBuilderExtensions.MapGroup</c>:
    /// Asp.Versioning's <c>NewVersionedApi()</c> and its <c>MapGroup</c> on the versioned builder.
    /// </summary>
    private bool IsGroupFactory(IInvocationOperation invocation)
        => invocation.TargetMethod.Name is "MapGroup" or "NewVersionedApi"
           && (invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null)) is { } source
           && IsRouteBuilder(source.WalkDownConversionsAndDelegates().Type);

    /// <summary>
    /// The method whose return value <paramref name="value"/> is (<c>return api;</c>, an expression body), not counting
    /// returns from lambdas and local functions; null otherwise.
    /// </summary>
    public static IMethodSymbol? ReturnedFrom(IOperation value)
    {
        var current = value.WalkUpConversions();
        if (current.Parent is not IReturnOperation { Kind: OperationKind.Return } ret)
        {
            return null;
        }

        for (var parent = ret.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return null;
                case IMethodBodyOperation body when body.SemanticModel is { } model:
                    return model.GetDeclaredSymbol(body.Syntax) as IMethodSymbol;
            }
        }

        return null;
    }

    /// <summary>The method that returns the value of a local or parameter (<c>return api;</c>) anywhere in its body; null when none does.</summary>
    private static IMethodSymbol? ReturnedFrom(ISymbol variable, IOperation anywhereInBody)
    {
        foreach (var operation in anywhereInBody.Root().Descendants())
        {
            if (operation is IReturnOperation { ReturnedValue: { } value }
                && value.WalkDownConversions().ReferencedSymbol() is { } returned
                && SymbolEqualityComparer.Default.Equals(returned, variable)
                && ReturnedFrom(value) is { } method)
            {
                return method;
            }
        }

        return null;
    }

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
