namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>A rule over the app's endpoints whose answer depends on compilation-wide configuration.</summary>
internal interface IEndpointRule
{
    /// <summary>A controller action candidate (a method symbol).</summary>
    void AnalyzeMethod(SymbolAnalysisContext context);

    /// <summary>A minimal-API candidate (a <c>Map…</c> invocation).</summary>
    void AnalyzeInvocation(OperationAnalysisContext context);

    /// <summary>Reports the candidates once the whole compilation's configuration is known.</summary>
    void Report(CompilationAnalysisContext context);
}

/// <summary>
/// The plumbing every endpoint rule decided at compilation end shares: the endpoint model and the
/// configuration collector of the per-compilation <see cref="AzSecContext"/>, candidates collected from controllers and minimal APIs,
/// the verdict at compilation end, so file order never matters.
/// </summary>
internal static class EndpointRules
{
    public static void Register(CompilationStartAnalysisContext context, AzSecContext types, Func<EndpointModel, ApiConfiguration, IEndpointRule> create)
    {
        var aspNetCore = types.AspNetCore;
        var model = types.Endpoints;
        var configuration = types.ApiConfiguration;
        configuration.Register(context);

        var rule = create(model, configuration);
        if (aspNetCore.ControllerBase is not null)
        {
            context.RegisterSymbolAction(rule.AnalyzeMethod, SymbolKind.Method);
        }

        if (aspNetCore.EndpointRouteBuilderExtensions is not null)
        {
            context.RegisterOperationAction(rule.AnalyzeInvocation, OperationKind.Invocation);
        }

        context.RegisterCompilationEndAction(rule.Report);
    }
}
