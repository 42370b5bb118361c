using System.Threading;
using AzSecAnalyzers.Infrastructure.AspNetCore;

namespace AzSecAnalyzers.Rules.Api;

public sealed partial class EndpointWithoutAuthorizationAnalyzer
{
    private const string FunctionKeyText = "require a function key (AuthorizationLevel.Function) or sign callers in with App Service authentication and read the caller";

    /// <summary>
    /// Azure Functions isolated-worker HTTP triggers: <c>AuthorizationLevel.Anonymous</c> lets anyone who can reach the URL
    /// run the function, so a state-changing one is an unauthenticated endpoint unless the code finds out who calls it
    /// (App Service authentication, which runs before the worker: a <c>ClaimsPrincipal</c> parameter,
    /// <c>HttpContext.User</c>, <c>HttpRequestData.Identities</c>, the <c>X-MS-CLIENT-PRINCIPAL</c> headers).
    /// </summary>
    private sealed class FunctionsRule
    {
        private readonly FunctionsHttpTriggers _triggers;
        private readonly INamedTypeSymbol? _claimsPrincipal;

        public FunctionsRule(FunctionsHttpTriggers triggers, INamedTypeSymbol? claimsPrincipal)
        {
            _triggers = triggers;
            _claimsPrincipal = claimsPrincipal;
        }

        public void AnalyzeBlock(OperationBlockAnalysisContext context)
        {
            // A trigger that names no method answers every verb, reads included: only named state-changing verbs are judged.
            if (context.OwningSymbol is not IMethodSymbol method
                || !_triggers.TryGetTrigger(method, out var trigger)
                || trigger.AuthorizationLevel != FunctionAuthorizationLevel.Anonymous
                || trigger.Verbs == HttpVerbs.Any)
            {
                return;
            }

            var verbs = trigger.Verbs & HttpVerbs.StateChanging;
            if (verbs == HttpVerbs.None || ReadsCaller(method, context.OperationBlocks, context.CancellationToken))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC401_EndpointWithoutAuthorization,
                trigger.Location,
                $"Function '{trigger.Name ?? method.Name}'",
                EndpointModel.Describe(verbs),
                FunctionKeyText));
        }

        private bool ReadsCaller(IMethodSymbol method, ImmutableArray<IOperation> blocks, CancellationToken cancellationToken)
        {
            foreach (var parameter in method.Parameters)
            {
                if (TypeIdentity.IsOrInherits(parameter.Type, _claimsPrincipal))
                {
                    return true;
                }
            }

            foreach (var block in blocks)
            {
                foreach (var operation in block.Descendants())
                {
                    switch (operation)
                    {
                        case IPropertyReferenceOperation { Property.Name: "Identities" } identities when _triggers.IsHttpRequestData(identities.Instance?.Type):
                            return true;
                        case IPropertyReferenceOperation or IInvocationOperation when TypeIdentity.IsOrInherits(operation.Type, _claimsPrincipal):
                            return true;
                    }
                }
            }

            return CallerReads.ReadsAppServicePrincipal(method, cancellationToken);
        }
    }
}
