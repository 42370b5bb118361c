using AzSecAnalyzers.Infrastructure.AspNetCore;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC401: a state-changing controller action or minimal-API endpoint that anonymous callers can
/// reach, or an Azure Functions HTTP trigger anyone can call that never looks at the caller. Judged per document:
/// the app's fallback policy, global filter and group conventions are read from every file on demand
/// (<see cref="ApiConfiguration"/>), so the finding squiggles in the editor.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class EndpointWithoutAuthorizationAnalyzer : AzSecAnalyzer
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
        var functions = types.FunctionsHttpTriggers;
        if (functions.IsAvailable)
        {
            context.RegisterOperationBlockAction(new FunctionsRule(functions, types.AspNetCore.ClaimsPrincipal).AnalyzeBlock);
        }

        var aspNetCore = types.AspNetCore;
        if (aspNetCore.HasEndpoints && aspNetCore.AuthorizeData is not null)
        {
            EndpointRules.Register(context, types, static (model, configuration) => new Rule(model, configuration));
        }
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
            if (!_model.IsAction(action))
            {
                return;
            }

            var verbs = _model.GetVerbs(action) & HttpVerbs.StateChanging;
            if (verbs == HttpVerbs.None || IsAnonymousByDesign(SensitiveFlows.OfAction(_model, action, verbs))
                || action.Locations.IsEmpty || !action.Locations[0].IsInSource)
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
                context.ReportDiagnostic(Create(location, name, verbs, RemoveAnonymousText, fix));
                return;
            }

            if (((own | controller) & (EndpointConventions.Authorize | EndpointConventions.Anonymous)) != 0
                || CallerReads.ReadsAppServicePrincipal(action, context.CancellationToken)
                || _configuration.Facts(context.CancellationToken).ControllersAuthorizedGlobally)
            {
                return;
            }

            context.ReportDiagnostic(Create(action.Locations[0], name, verbs, AddAuthorizationText, FixAddAuthorize));
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!_model.TryGetMinimalEndpoint(invocation, out var endpoint))
            {
                return;
            }

            var verbs = endpoint.Verbs & HttpVerbs.StateChanging;
            if (verbs == HttpVerbs.None || IsAnonymousByDesign(SensitiveFlows.OfEndpoint(_model, endpoint)))
            {
                return;
            }

            var group = _model.EndpointConventionsOf(endpoint, out var own);
            if ((own & EndpointConventions.Authorize) != 0)
            {
                return;
            }

            var cancellationToken = context.CancellationToken;
            var name = endpoint.Route is { } route ? $"Endpoint '{invocation.TargetMethod.Name}(\"{route}\")'" : $"Endpoint '{invocation.TargetMethod.Name}'";
            if ((own & EndpointConventions.Anonymous) != 0)
            {
                // Deliberately anonymous: reported only when it opts out of a group that requires authorization.
                if (_configuration.Resolve(group, cancellationToken) is { } inherited && (inherited & EndpointConventions.Authorize) != 0)
                {
                    context.ReportDiagnostic(Create(endpoint.Location, name, verbs, RemoveAnonymousEndpointText, null));
                }

                return;
            }

            // Unknown callers (a library's public mapping method): say nothing.
            if ((endpoint.HandlerMethod is { } handler && CallerReads.ReadsAppServicePrincipal(handler, cancellationToken))
                || _configuration.Facts(cancellationToken).HasFallbackPolicy
                || _configuration.Resolve(group, cancellationToken) is not { } groups
                || (groups & (EndpointConventions.Authorize | EndpointConventions.Anonymous)) != 0)
            {
                return;
            }

            // RequireAuthorization returns the builder it is given, so appending it is always valid C#.
            context.ReportDiagnostic(Create(endpoint.Location, name, verbs, AddRequireAuthorizationText, FixRequireAuthorization));
        }

        /// <summary>Signing in, signing up, resetting a password and signing out are meant for callers who are not (or no longer) signed in.</summary>
        private static bool IsAnonymousByDesign(SensitiveFlow flow) => flow is SensitiveFlow.Authentication or SensitiveFlow.SignOut;

        private static Diagnostic Create(Location location, string name, HttpVerbs verbs, string fix, string? fixKind)
            => Diagnostic.Create(
                Descriptors.AZSEC401_EndpointWithoutAuthorization,
                location,
                FixContract.Properties(fixKind),
                name,
                EndpointModel.Describe(verbs),
                fix);
    }
}
