using System.Collections.Concurrent;
using AzSecAnalyzers.Infrastructure.AspNetCore;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC401: a state-changing controller action or minimal-API endpoint that anonymous callers can
/// reach. Candidates are collected while the compilation is analyzed and judged at compilation end,
/// once the app's fallback policy, global filter and group conventions are all known.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EndpointWithoutAuthorizationAnalyzer : AzSecAnalyzer
{
    /// <summary>Add <c>[Authorize]</c> to the action (the location is the action's name).</summary>
    public const string FixAddAuthorize = "AddAuthorize";

    /// <summary>Append <c>.RequireAuthorization()</c> to the endpoint (the location is the <c>MapPost</c> name).</summary>
    public const string FixRequireAuthorization = "RequireAuthorization";

    /// <summary>Remove the <c>[AllowAnonymous]</c> attribute (the location is the attribute).</summary>
    public const string FixRemoveAllowAnonymous = "RemoveAllowAnonymous";

    private const string AddAuthorizationText = "add [Authorize] or configure a fallback authorization policy";
    private const string AddRequireAuthorizationText = "add .RequireAuthorization() or configure a fallback authorization policy";
    private const string RemoveAnonymousText = "remove [AllowAnonymous] so the controller's [Authorize] applies";
    private const string RemoveAnonymousEndpointText = "remove AllowAnonymous() so the group's authorization applies";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC401_EndpointWithoutAuthorization);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var aspNetCore = types.AspNetCore;
        if (!aspNetCore.HasEndpoints || aspNetCore.AuthorizeData is null)
        {
            return;
        }

        EndpointRules.Register(context, types, static (model, configuration) => new Rule(model, configuration));
    }

    private sealed class Rule : IEndpointRule
    {
        private readonly EndpointModel _model;
        private readonly ApiConfiguration _configuration;
        private readonly ConcurrentQueue<Candidate> _candidates = new();

        public Rule(EndpointModel model, ApiConfiguration configuration)
        {
            _model = model;
            _configuration = configuration;
        }

        public void AnalyzeMethod(SymbolAnalysisContext context)
        {
            var action = (IMethodSymbol)context.Symbol;
            if (!_model.IsAction(action))
            {
                return;
            }

            var verbs = _model.GetVerbs(action) & HttpVerbs.StateChanging;
            if (verbs == HttpVerbs.None || IsAuthenticationFlow(action) || action.Locations.IsEmpty || !action.Locations[0].IsInSource)
            {
                return;
            }

            var own = _model.ActionConventions(action);
            var controller = _model.ControllerConventions(action.ContainingType);
            var name = $"Action '{action.ContainingType.Name}.{action.Name}'";

            if ((own & EndpointConventions.Anonymous) != 0 && (controller & EndpointConventions.Authorize) != 0)
            {
                // Opting out of the controller's own [Authorize] is reported whatever the global configuration.
                var attribute = _model.FindAllowAnonymous(action)?.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken);
                var location = attribute?.GetLocation() ?? action.Locations[0];
                var fix = attribute is AttributeSyntax { Parent: AttributeListSyntax } ? FixRemoveAllowAnonymous : null;
                _candidates.Enqueue(new Candidate(location, name, verbs, RemoveAnonymousText, fix, CandidateKind.Always, default));
                return;
            }

            if (((own | controller) & (EndpointConventions.Authorize | EndpointConventions.Anonymous)) != 0)
            {
                return;
            }

            _candidates.Enqueue(new Candidate(action.Locations[0], name, verbs, AddAuthorizationText, FixAddAuthorize, CandidateKind.Controller, default));
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!_model.TryGetMinimalEndpoint(invocation, out var endpoint))
            {
                return;
            }

            var verbs = endpoint.Verbs & HttpVerbs.StateChanging;
            if (verbs == HttpVerbs.None
                || SensitiveFlows.Classify(endpoint.Route, endpoint.HandlerMethod?.Name) == SensitiveFlow.Authentication)
            {
                return;
            }

            var group = _model.EndpointConventionsOf(endpoint, out var own);
            var name = endpoint.Route is { } route ? $"Endpoint '{invocation.TargetMethod.Name}(\"{route}\")'" : $"Endpoint '{invocation.TargetMethod.Name}'";

            if ((own & EndpointConventions.Authorize) != 0)
            {
                return;
            }

            if ((own & EndpointConventions.Anonymous) != 0)
            {
                // Deliberately anonymous: reported only when it opts out of a group that requires authorization.
                _candidates.Enqueue(new Candidate(endpoint.Location, name, verbs, RemoveAnonymousEndpointText, null, CandidateKind.AnonymousInGroup, group));
                return;
            }

            // RequireAuthorization returns the builder it is given, so appending it is always valid C#.
            _candidates.Enqueue(new Candidate(endpoint.Location, name, verbs, AddRequireAuthorizationText, FixRequireAuthorization, CandidateKind.MinimalApi, group));
        }

        public void Report(CompilationAnalysisContext context)
        {
            foreach (var candidate in _candidates)
            {
                if (ShouldReport(candidate))
                {
                    var properties = FixContract.Properties(candidate.FixKind);
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.AZSEC401_EndpointWithoutAuthorization,
                        candidate.Location,
                        properties,
                        candidate.Name,
                        EndpointModel.Describe(candidate.Verbs),
                        candidate.Fix));
                }
            }
        }

        private bool ShouldReport(Candidate candidate)
        {
            switch (candidate.Kind)
            {
                case CandidateKind.Always:
                    return true;

                case CandidateKind.Controller:
                    return !_configuration.ControllersAuthorizedGlobally;

                case CandidateKind.AnonymousInGroup:
                    return _configuration.Resolve(candidate.Group) is { } inherited && (inherited & EndpointConventions.Authorize) != 0;

                default:
                    if (_configuration.HasFallbackPolicy)
                    {
                        return false;
                    }

                    // Unknown callers (a library's public mapping method): say nothing.
                    return _configuration.Resolve(candidate.Group) is { } groups
                        && (groups & (EndpointConventions.Authorize | EndpointConventions.Anonymous)) == 0;
            }
        }

        private bool IsAuthenticationFlow(IMethodSymbol action)
        {
            foreach (var template in _model.ActionTemplates(action))
            {
                if (SensitiveFlows.Classify(template) == SensitiveFlow.Authentication)
                {
                    return true;
                }
            }

            return SensitiveFlows.Classify(action.Name) == SensitiveFlow.Authentication;
        }
    }

    private enum CandidateKind
    {
        Always,
        Controller,
        MinimalApi,
        AnonymousInGroup,
    }

    private readonly struct Candidate
    {
        public Candidate(Location location, string name, HttpVerbs verbs, string fix, string? fixKind, CandidateKind kind, ConventionSet group)
        {
            Location = location;
            Name = name;
            Verbs = verbs;
            Fix = fix;
            FixKind = fixKind;
            Kind = kind;
            Group = group;
        }

        public Location Location { get; }
        public string Name { get; }
        public HttpVerbs Verbs { get; }
        public string Fix { get; }
        public string? FixKind { get; }
        public CandidateKind Kind { get; }
        public ConventionSet Group { get; }
    }
}
