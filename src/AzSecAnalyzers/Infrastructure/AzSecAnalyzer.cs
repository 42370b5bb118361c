namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// Base of every analyzer in the package. It fixes the choices no rule may get wrong: generated
/// code is skipped, execution is concurrent, and all work starts per compilation with the one
/// <see cref="AzSecContext"/> every analyzer of the package shares for that compilation, so a rule can
/// register nothing when its types are absent.
/// </summary>
public abstract class AzSecAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start => OnCompilationStart(start, AzSecContext.For(start.Compilation)));
    }

    /// <summary>Resolve the rule's types from the compilation's context <paramref name="types"/> and register its actions, or return without registering when they are absent.</summary>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types);
}
