using Microsoft.CodeAnalysis.Diagnostics;

namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// Base of every analyzer in the package. It fixes the choices no rule may get wrong: generated
/// code is skipped, execution is concurrent, and all work starts per compilation with the shared
/// <see cref="KnownTypes"/> cache, so a rule can register nothing when its types are absent.
/// </summary>
public abstract class AzSecAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start => OnCompilationStart(start, KnownTypes.For(start.Compilation)));
    }

    /// <summary>Resolve the rule's types from <paramref name="types"/> and register its actions, or return without registering when they are absent.</summary>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types);
}
