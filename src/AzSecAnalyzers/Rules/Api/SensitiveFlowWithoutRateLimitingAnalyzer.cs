using AzSecAnalyzers.Infrastructure.AspNetCore;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC412: a log-in, sign-up, password reset, one-time code, checkout or transfer endpoint that
/// changes state without rate limiting, in an app with no global limiter. Judged per document: the global
/// limiter and the group conventions are read from every file on demand (<see cref="ApiConfiguration"/>).
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

        public Rule(EndpointModel model, ApiConfiguration configuration)
        {
            _model = model;
            _configuration = configuration;
        }

        public void AnalyzeMethod(SymbolAnalysisContext context)
        {
            var action = (IMethodSymbol)context.Symbol;
            if (!_model.IsAction(action) || action.Locations.IsEmpty || !action.Locations[0].IsInSource)
            {
                return;
            }

            var verbs = _model.GetVerbs(action) & HttpVerbs.StateChanging;
            if (verbs == HttpVerbs.None || Describe(SensitiveFlows.OfAction(_model, action, verbs)) is not { } flow)
            {
                return;
            }

            var conventions = _model.ActionConventions(action) | _model.ControllerConventions(action.ContainingType);
            if ((conventions & (EndpointConventions.RateLimited | EndpointConventions.RateLimitingDisabled)) != 0
                || _configuration.Facts(context.CancellationToken) is not { HasGlobalRateLimiter: false } facts)
            {
                return;
            }

            context.ReportDiagnostic(Create(action.Locations[0], $"Action '{action.ContainingType.Name}.{action.Name}'", flow, FixAttribute, facts));
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!_model.TryGetMinimalEndpoint(invocation, out var endpoint) || (endpoint.Verbs & HttpVerbs.StateChanging) == 0
                || Describe(SensitiveFlows.OfEndpoint(_model, endpoint)) is not { } flow)
            {
                return;
            }

            var group = _model.EndpointConventionsOf(endpoint, out var own);
            var limited = EndpointConventions.RateLimited | EndpointConventions.RateLimitingDisabled;
            if ((own & limited) != 0
                || _configuration.Facts(context.CancellationToken) is not { HasGlobalRateLimiter: false } facts
                || _configuration.Resolve(group, context.CancellationToken) is not { } inherited
                || (inherited & limited) != 0)
            {
                return;
            }

            var name = endpoint.Route is { } route ? $"Endpoint '{invocation.TargetMethod.Name}(\"{route}\")'" : $"Endpoint '{invocation.TargetMethod.Name}'";
            context.ReportDiagnostic(Create(endpoint.Location, name, flow, FixRequireRateLimiting, facts));
        }

        /// <summary>The flow as the message names it; null for endpoints that are no API6 flow (sign-out included).</summary>
        private static string? Describe(SensitiveFlow flow) => flow switch
        {
            SensitiveFlow.Authentication => "sign-in or account",
            SensitiveFlow.Payment => "payment",
            _ => null,
        };

        private static Diagnostic Create(Location location, string name, string flow, string fixKind, ApiFacts facts)
        {
            // The fix names a policy the app registers; with none, attaching a name would throw at startup.
            var properties = facts.FirstRateLimiterPolicy is { } policy
                ? ImmutableDictionary<string, string?>.Empty.Add(FixContract.FixKind, fixKind).Add(PolicyProperty, policy)
                : null;
            return Diagnostic.Create(Descriptors.AZSEC412_SensitiveFlowWithoutRateLimiting, location, properties, name, flow);
        }
    }
}
