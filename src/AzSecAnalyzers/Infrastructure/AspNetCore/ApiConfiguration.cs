using System.Collections.Concurrent;
using System.Threading;

namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>
/// Compilation-wide ASP.NET Core configuration, read on demand while a single document is analyzed, so the
/// endpoint rules report per document (the editor's default scope) instead of at compilation end: a fallback
/// policy, a global <c>AuthorizeFilter</c>, <c>MapControllers().RequireAuthorization()</c>, a global rate limiter,
/// the rate-limiting policy names, and what the callers of a method that maps endpoints apply to the group they
/// pass in or get back. Every syntax tree is searched by syntax (<see cref="ApiSyntaxIndex"/>, cached per tree),
/// and only the few candidate nodes found are bound, so file order never matters and an unchanged file costs
/// a few bound statements per compilation. One per compilation (<see cref="AzSecContext.ApiConfiguration"/>).
/// </summary>
internal sealed class ApiConfiguration
{
    private const int MaxCallerDepth = 4;

    private readonly EndpointModel _model;
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly ConcurrentDictionary<ISymbol, Resolved> _resolved = new(SymbolEqualityComparer.Default);
    private ApiFacts? _facts;

    internal ApiConfiguration(EndpointModel model, Compilation compilation)
    {
        _model = model;
        _compilation = compilation;
    }

    /// <summary>The compilation-wide facts, computed by the first rule that asks (a cancelled computation publishes nothing).</summary>
    public ApiFacts Facts(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _facts) is { } facts)
        {
            return facts;
        }

        var computed = ComputeFacts(cancellationToken);
        return Interlocked.CompareExchange(ref _facts, computed, null) ?? computed;
    }

    /// <summary>The conventions of a minimal-API endpoint's groups, callers included; null when they cannot be known.</summary>
    public EndpointConventions? Resolve(ConventionSet group, CancellationToken cancellationToken) => Resolve(group, 0, cancellationToken);

    private EndpointConventions? Resolve(ConventionSet group, int depth, CancellationToken cancellationToken)
    {
        var conventions = group.Conventions;
        if (group.DependsOn is { } parameter)
        {
            if (Cached(parameter, depth, cancellationToken) is not { } callers)
            {
                return null;
            }

            conventions |= callers;
        }

        if (group.ReturnedFrom is { } method)
        {
            if (Cached(method, depth, cancellationToken) is not { } receivers)
            {
                return null;
            }

            conventions |= receivers;
        }

        return conventions;
    }

    private EndpointConventions? Cached(ISymbol key, int depth, CancellationToken cancellationToken)
    {
        key = key.OriginalDefinition;
        if (_resolved.TryGetValue(key, out var known))
        {
            return known.Conventions;
        }

        var value = key is IParameterSymbol parameter ? CallerConventions(parameter, depth, cancellationToken) : ReturnConventions((IMethodSymbol)key, depth, cancellationToken);

        // A result cut short by the depth limit (a cycle, a deep chain) is not the answer for shallower askers.
        if (depth == 0)
        {
            _resolved.TryAdd(key, new Resolved(value));
        }

        return value;
    }

    /// <summary>
    /// The conventions every caller of a method passes for its route-builder parameter, or null when no call is seen
    /// in this compilation (a library's public method: nothing can be said).
    /// </summary>
    private EndpointConventions? CallerConventions(IParameterSymbol parameter, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxCallerDepth || parameter.ContainingSymbol is not IMethodSymbol method)
        {
            return null;
        }

        EndpointConventions? common = null;
        foreach (var site in CallSites(method, cancellationToken))
        {
            foreach (var argument in site.Arguments)
            {
                if (!SymbolEqualityComparer.Default.Equals(argument.Parameter?.OriginalDefinition, parameter))
                {
                    continue;
                }

                if (Resolve(_model.GroupConventions(argument.Value), depth + 1, cancellationToken) is not { } passed)
                {
                    return null;
                }

                common = common is null ? passed : common.Value & passed;
            }
        }

        return common;
    }

    /// <summary>
    /// The conventions every caller applies to what a method returns (<c>app.MapOrdersApi().RequireAuthorization()</c>,
    /// the group a mapping helper built), or null when no call is seen in this compilation.
    /// </summary>
    private EndpointConventions? ReturnConventions(IMethodSymbol method, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxCallerDepth)
        {
            return null;
        }

        EndpointConventions? common = null;
        foreach (var site in CallSites(method, cancellationToken))
        {
            var applied = _model.ChainConventions(site);
            if (EndpointModel.ReturnedFrom(site) is { } outer)
            {
                if (Cached(outer, depth + 1, cancellationToken) is not { } outerConventions)
                {
                    return null;
                }

                applied |= outerConventions;
            }

            common = common is null ? applied : common.Value & applied;
        }

        return common;
    }

    /// <summary>The calls of <paramref name="method"/> anywhere in the compilation: found by name per tree, then bound one by one.</summary>
    private List<IInvocationOperation> CallSites(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var sites = new List<IInvocationOperation>();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            var candidates = ApiSyntaxIndex.For(tree, cancellationToken).InvocationsOf(method.Name);
            if (candidates.Count == 0)
            {
                continue;
            }

            var model = ModelOf(tree);
            foreach (var candidate in candidates)
            {
                if (model.GetOperation(candidate, cancellationToken) is IInvocationOperation invocation
                    && SymbolEqualityComparer.Default.Equals((invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition, method))
                {
                    sites.Add(invocation);
                }
            }
        }

        return sites;
    }

    private ApiFacts ComputeFacts(CancellationToken cancellationToken)
    {
        var facts = new ApiFacts();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            var candidates = ApiSyntaxIndex.For(tree, cancellationToken).Configuration;
            if (candidates.IsEmpty)
            {
                continue;
            }

            var model = ModelOf(tree);
            foreach (var candidate in candidates)
            {
                switch (model.GetOperation(candidate, cancellationToken))
                {
                    case IInvocationOperation invocation:
                        ObserveInvocation(invocation, facts);
                        break;
                    case ISimpleAssignmentOperation assignment:
                        ObserveAssignment(assignment, facts);
                        break;
                    case IObjectCreationOperation creation when TypeIdentity.IsOrInherits(creation.Type, _model.Types.AuthorizeFilter):
                        facts.HasGlobalAuthorizeFilter = true;
                        break;
                }
            }
        }

        return facts;
    }

    private SemanticModel ModelOf(SyntaxTree tree)
    {
        if (_models.TryGetValue(tree, out var model))
        {
            return model;
        }

#pragma warning disable RS0030, RS1030 // The configuration lives in other files than the one analyzed: only its few candidate nodes are bound, once per compilation.
        return _models.GetOrAdd(tree, _compilation.GetSemanticModel(tree));
#pragma warning restore RS0030, RS1030
    }

    private void ObserveInvocation(IInvocationOperation invocation, ApiFacts facts)
    {
        var method = invocation.TargetMethod;
        var types = _model.Types;

        if (TypeIdentity.Is(method.ContainingType, types.AuthorizationBuilder))
        {
            if (method.Name is "SetFallbackPolicy" or "AddFallbackPolicy" && HasNonNullArgument(invocation))
            {
                facts.HasFallbackPolicy = true;
            }

            return;
        }

        if (TypeIdentity.Is(method.ContainingType, types.RateLimiterOptionsExtensions)
            || (TypeIdentity.Is(method.ContainingType, types.RateLimiterOptions) && method.Name == "AddPolicy"))
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "policyName" && argument.Value.ConstantValue is { HasValue: true, Value: string name } && name.Length > 0)
                {
                    facts.AddRateLimiterPolicy(name);
                }
            }

            return;
        }

        if (_model.IsControllerMapping(invocation) && (_model.ChainConventions(invocation) & EndpointConventions.Authorize) != 0)
        {
            facts.ControllersRequireAuthorization = true;
        }
    }

    private void ObserveAssignment(ISimpleAssignmentOperation assignment, ApiFacts facts)
    {
        if (assignment.Target is not IPropertyReferenceOperation { Property: var property } || IsNull(assignment.Value))
        {
            return;
        }

        var types = _model.Types;
        if (TypeIdentity.Is(property.ContainingType, types.AuthorizationOptions) && property.Name == "FallbackPolicy")
        {
            facts.HasFallbackPolicy = true;
        }
        else if (TypeIdentity.Is(property.ContainingType, types.RateLimiterOptions) && property.Name == "GlobalLimiter")
        {
            facts.HasGlobalRateLimiter = true;
        }
    }

    private static bool HasNonNullArgument(IInvocationOperation invocation)
        => invocation.Arguments.Length > 0 && !IsNull(invocation.Arguments[invocation.Arguments.Length - 1].Value);

    private static bool IsNull(IOperation value)
        => value.WalkDownConversionsAndDelegates().ConstantValue is { HasValue: true, Value: null };

    private sealed class Resolved
    {
        public Resolved(EndpointConventions? conventions) => Conventions = conventions;

        public EndpointConventions? Conventions { get; }
    }
}

/// <summary>What the whole compilation configures; built once per compilation by <see cref="ApiConfiguration"/>.</summary>
internal sealed class ApiFacts
{
    private readonly SortedSet<string> _rateLimiterPolicies = new(StringComparer.Ordinal);

    /// <summary><c>AuthorizationOptions.FallbackPolicy</c> or <c>AddAuthorizationBuilder().SetFallbackPolicy(…)</c> set to a policy.</summary>
    public bool HasFallbackPolicy { get; internal set; }

    /// <summary>An <c>AuthorizeFilter</c> is created (the MVC global filter idiom <c>options.Filters.Add(new AuthorizeFilter(…))</c>).</summary>
    public bool HasGlobalAuthorizeFilter { get; internal set; }

    /// <summary><c>MapControllers()</c> (or a controller route) carries <c>RequireAuthorization()</c>.</summary>
    public bool ControllersRequireAuthorization { get; internal set; }

    /// <summary><c>RateLimiterOptions.GlobalLimiter</c> is set.</summary>
    public bool HasGlobalRateLimiter { get; internal set; }

    /// <summary>Every controller action requires authorization unless it opts out.</summary>
    public bool ControllersAuthorizedGlobally => HasFallbackPolicy || HasGlobalAuthorizeFilter || ControllersRequireAuthorization;

    /// <summary>The first rate-limiting policy name registered with a constant name (ordinal order), for a fix to name; null when none.</summary>
    public string? FirstRateLimiterPolicy => _rateLimiterPolicies.Count == 0 ? null : _rateLimiterPolicies.Min;

    internal void AddRateLimiterPolicy(string name) => _rateLimiterPolicies.Add(name);
}
