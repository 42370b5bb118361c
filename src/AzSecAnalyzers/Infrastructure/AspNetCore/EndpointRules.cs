namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>A rule over the app's endpoints whose answer depends on compilation-wide configuration.</summary>
internal interface IEndpointRule
{
    /// <summary>A controller action candidate (a method symbol).</summary>
    void AnalyzeMethod(SymbolAnalysisContext context);

    /// <summary>A minimal-API candidate (a <c>Map…</c> invocation).</summary>
    void AnalyzeInvocation(OperationAnalysisContext context);
}

/// <summary>
/// The plumbing every endpoint rule shares: the endpoint model and the compilation-wide configuration of the
/// per-compilation <see cref="AzSecContext"/>, controllers judged as symbols and minimal APIs as invocations, each
/// reported where it is declared, in the document being analyzed (the editor's default scope). The configuration
/// is read on demand from every file (<see cref="ApiConfiguration"/>), so file order never matters.
/// </summary>
internal static class EndpointRules
{
    public static void Register(CompilationStartAnalysisContext context, AzSecContext types, Func<EndpointModel, ApiConfiguration, IEndpointRule> create)
    {
        var aspNetCore = types.AspNetCore;
        var rule = create(types.Endpoints, types.ApiConfiguration);
        if (aspNetCore.ControllerBase is not null)
        {
            context.RegisterSymbolAction(rule.AnalyzeMethod, SymbolKind.Method);
        }

        if (aspNetCore.EndpointRouteBuilderExtensions is not null)
        {
            context.RegisterOperationAction(rule.AnalyzeInvocation, OperationKind.Invocation);
        }
    }
}
