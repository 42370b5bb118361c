using System.Collections.Concurrent;
using System.Linq;
using AzSecAnalyzers.Infrastructure.AspNetCore;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC412: a log-in, sign-up, password reset, one-time code, checkout or transfer endpoint that
/// changes state without rate limiting, in an app with no global limiter. Judged at compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SensitiveFlowWithoutRateLimitingAnalyzer : AzSecAnalyzer
{
    /// <summary>Diagnostic property: a rate-limiting policy the app registers, for the fix to name.</summary>
    public const string PolicyProperty = "Policy";

    public const string FixAttribute = "Attribute";
    public const string FixRequireRateLimiting = "RequireRateLimiting";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC412_SensitiveFlowWithoutRateLimiting);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var aspNetCore = types.AspNetCore;
        if (!aspNetCore.HasEndpoints || aspNetCore.EnableRateLimitingAttribute is null)
        {
            return;
        }

        EndpointRules.Register(context, types, static (model, configuration) => new Rule(model, configuration));
    }

    private sealed class Rule : IEndpointRule
    {
        private readonly EndpointModel _model;
        private readonly ApiConfiguration _configuration;
        private readonly ConcurrentQueue<(Location Location, string Name, SensitiveFlow Flow, string FixKind, ConventionSet Group)> _candidates = new();

        public Rule(EndpointModel model, ApiConfiguration configuration)
        {
            _model = model;
            _configuration = configuration;
        }

        public void AnalyzeMethod(SymbolAnalysisContext context)
        {
            var action = (IMethodSymbol)context.Symbol;
            if (!_model.IsAction(action)
                || (_model.GetVerbs(action) & HttpVerbs.StateChanging) == 0
                || action.Locations.IsEmpty
                || !action.Locations[0].IsInSource)
            {
                return;
            }

            var names = _model.ActionTemplates(action).Append(action.Name).ToArray();
            var flow = SensitiveFlows.Classify(names);
            if (flow == SensitiveFlow.None)
            {
                return;
            }

            var conventions = _model.ActionConventions(action) | _model.ControllerConventions(action.ContainingType);
            if ((conventions & (EndpointConventions.RateLimited | EndpointConventions.RateLimitingDisabled)) != 0)
            {
                return;
            }

            _candidates.Enqueue((action.Locations[0], $"Action '{action.ContainingType.Name}.{action.Name}'", flow, FixAttribute, default));
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!_model.TryGetMinimalEndpoint(invocation, out var endpoint) || (endpoint.Verbs & HttpVerbs.StateChanging) == 0)
            {
                return;
            }

            var flow = SensitiveFlows.Classify(endpoint.Route, endpoint.HandlerMethod?.Name);
            if (flow == SensitiveFlow.None)
            {
                return;
            }

            var group = _model.EndpointConventionsOf(endpoint, out var own);
            if ((own & (EndpointConventions.RateLimited | EndpointConventions.RateLimitingDisabled)) != 0)
            {
                return;
            }

            var name = endpoint.Route is { } route ? $"Endpoint '{invocation.TargetMethod.Name}(\"{route}\")'" : $"Endpoint '{invocation.TargetMethod.Name}'";
            _candidates.Enqueue((endpoint.Location, name, flow, FixRequireRateLimiting, group));
        }

        public void Report(CompilationAnalysisContext context)
        {
            if (_configuration.HasGlobalRateLimiter)
            {
                return;
            }

            // The fix names a policy the app registers; with none, attaching a name would throw at startup.
            var policy = _configuration.RateLimiterPolicies.OrderBy(p => p, System.StringComparer.Ordinal).FirstOrDefault();
            foreach (var (location, name, flow, fixKind, group) in _candidates)
            {
                if (_configuration.Resolve(group) is not { } inherited
                    || (inherited & (EndpointConventions.RateLimited | EndpointConventions.RateLimitingDisabled)) != 0)
                {
                    continue;
                }

                var properties = policy is null
                    ? null
                    : ImmutableDictionary<string, string?>.Empty.Add(FixContract.FixKind, fixKind).Add(PolicyProperty, policy);
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.AZSEC412_SensitiveFlowWithoutRateLimiting,
                    location,
                    properties,
                    name,
                    flow == SensitiveFlow.Authentication ? "sign-in or account" : "payment"));
            }
        }
    }
}
