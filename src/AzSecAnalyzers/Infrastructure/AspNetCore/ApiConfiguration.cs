using System.Collections.Concurrent;
using System.Threading;

namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>
/// Compilation-wide ASP.NET Core configuration, collected while the compilation is analyzed and read
/// at compilation end: a fallback or default authorization policy, a global <c>AuthorizeFilter</c>,
/// <c>MapControllers().RequireAuthorization()</c>, a global rate limiter, the rate-limiting policy
/// names, and the groups callers pass to methods that map endpoints on a route-builder parameter.
/// One per compilation (<see cref="AzSecContext.ApiConfiguration"/>). Every rule that depends on it feeds it
/// through <see cref="Register"/> in its own compilation-start action and decides only in its compilation-end
/// action, so neither the order of files nor which other analyzers run matters. Observations are kept as sets
/// (one entry per policy name and per call site), so two rules observing the same compilation add nothing twice.
/// </summary>
internal sealed class ApiConfiguration
{
    private readonly EndpointModel _model;
    private readonly ConcurrentDictionary<string, byte> _rateLimiterPolicies = new(System.StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IParameterSymbol, ConcurrentDictionary<SyntaxNode, ConventionSet>> _callSites = new(SymbolEqualityComparer.Default);
    private int _fallbackPolicy;
    private int _defaultPolicy;
    private int _globalAuthorizeFilter;
    private int _controllersRequireAuthorization;
    private int _globalRateLimiter;

    internal ApiConfiguration(EndpointModel model) => _model = model;

    /// <summary><c>AuthorizationOptions.FallbackPolicy</c> or <c>AddAuthorizationBuilder().SetFallbackPolicy(…)</c> set to a policy.</summary>
    public bool HasFallbackPolicy => Volatile.Read(ref _fallbackPolicy) != 0;

    /// <summary>A default policy was set. It applies only where <c>[Authorize]</c> is, so it protects nothing by itself.</summary>
    public bool HasDefaultPolicy => Volatile.Read(ref _defaultPolicy) != 0;

    /// <summary>An <c>AuthorizeFilter</c> is created (the MVC global filter idiom <c>options.Filters.Add(new AuthorizeFilter(…))</c>).</summary>
    public bool HasGlobalAuthorizeFilter => Volatile.Read(ref _globalAuthorizeFilter) != 0;

    /// <summary><c>MapControllers()</c> (or a controller route) carries <c>RequireAuthorization()</c>.</summary>
    public bool ControllersRequireAuthorization => Volatile.Read(ref _controllersRequireAuthorization) != 0;

    /// <summary><c>RateLimiterOptions.GlobalLimiter</c> is set.</summary>
    public bool HasGlobalRateLimiter => Volatile.Read(ref _globalRateLimiter) != 0;

    /// <summary>Every controller action requires authorization unless it opts out.</summary>
    public bool ControllersAuthorizedGlobally => HasFallbackPolicy || HasGlobalAuthorizeFilter || ControllersRequireAuthorization;

    /// <summary>The rate-limiting policy names registered with a constant name, in no particular order.</summary>
    public IReadOnlyCollection<string> RateLimiterPolicies => new List<string>(_rateLimiterPolicies.Keys);

    public void Register(CompilationStartAnalysisContext context)
    {
        context.RegisterOperationAction(ObserveInvocation, OperationKind.Invocation);
        context.RegisterOperationAction(ObserveAssignment, OperationKind.SimpleAssignment);
        if (_model.Types.AuthorizeFilter is not null)
        {
            context.RegisterOperationAction(ObserveCreation, OperationKind.ObjectCreation);
        }
    }

    /// <summary>
    /// The conventions every caller of a method passes for its route-builder parameter, or null when
    /// no call is seen in this compilation (a library's public method: nothing can be said).
    /// </summary>
    public EndpointConventions? CallerConventions(IParameterSymbol parameter) => CallerConventions(parameter, 0);

    private EndpointConventions? CallerConventions(IParameterSymbol parameter, int depth)
    {
        if (depth > 4 || !_callSites.TryGetValue(parameter.OriginalDefinition, out var sites) || sites.IsEmpty)
        {
            return null;
        }

        EndpointConventions? common = null;
        foreach (var site in sites.Values)
        {
            var conventions = site.Conventions;
            if (site.DependsOn is { } outer)
            {
                if (CallerConventions(outer, depth + 1) is not { } outerConventions)
                {
                    return null;
                }

                conventions |= outerConventions;
            }

            common = common is null ? conventions : common.Value & conventions;
        }

        return common;
    }

    /// <summary>The conventions of a minimal-API endpoint's groups, callers included; null when they cannot be known.</summary>
    public EndpointConventions? Resolve(ConventionSet group)
    {
        if (group.DependsOn is not { } parameter)
        {
            return group.Conventions;
        }

        return CallerConventions(parameter) is { } callers ? group.Conventions | callers : null;
    }

    private void ObserveInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        var types = _model.Types;

        if (TypeIdentity.Is(method.ContainingType, types.AuthorizationBuilder))
        {
            if (method.Name == "SetFallbackPolicy" && HasNonNullArgument(invocation))
            {
                Interlocked.Exchange(ref _fallbackPolicy, 1);
            }
            else if (method.Name == "SetDefaultPolicy" && HasNonNullArgument(invocation))
            {
                Interlocked.Exchange(ref _defaultPolicy, 1);
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
                    _rateLimiterPolicies.TryAdd(name, 0);
                }
            }

            return;
        }

        if (_model.IsControllerMapping(invocation))
        {
            if ((_model.ChainConventions(invocation) & EndpointConventions.Authorize) != 0)
            {
                Interlocked.Exchange(ref _controllersRequireAuthorization, 1);
            }

            return;
        }

        // A call into source code that passes a route builder: remember what the callee's endpoints inherit.
        if (method.DeclaringSyntaxReferences.IsEmpty)
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && _model.IsRouteBuilder(parameter.Type))
            {
                var set = _model.GroupConventions(argument.Value);
                _callSites.GetOrAdd(parameter.OriginalDefinition, static _ => new ConcurrentDictionary<SyntaxNode, ConventionSet>()).TryAdd(argument.Syntax, set);
            }
        }
    }

    private void ObserveAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: var property } || IsNull(assignment.Value))
        {
            return;
        }

        var types = _model.Types;
        if (TypeIdentity.Is(property.ContainingType, types.AuthorizationOptions))
        {
            if (property.Name == "FallbackPolicy")
            {
                Interlocked.Exchange(ref _fallbackPolicy, 1);
            }
            else if (property.Name == "DefaultPolicy")
            {
                Interlocked.Exchange(ref _defaultPolicy, 1);
            }
        }
        else if (TypeIdentity.Is(property.ContainingType, types.RateLimiterOptions) && property.Name == "GlobalLimiter")
        {
            Interlocked.Exchange(ref _globalRateLimiter, 1);
        }
    }

    private void ObserveCreation(OperationAnalysisContext context)
    {
        if (TypeIdentity.IsOrInherits(((IObjectCreationOperation)context.Operation).Type, _model.Types.AuthorizeFilter))
        {
            Interlocked.Exchange(ref _globalAuthorizeFilter, 1);
        }
    }

    private static bool HasNonNullArgument(IInvocationOperation invocation)
        => invocation.Arguments.Length > 0 && !IsNull(invocation.Arguments[invocation.Arguments.Length - 1].Value);

    private static bool IsNull(IOperation value)
        => value.WalkDownConversionsAndDelegates().ConstantValue is { HasValue: true, Value: null };
}
