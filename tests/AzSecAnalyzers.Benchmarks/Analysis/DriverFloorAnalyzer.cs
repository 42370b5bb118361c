using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AzSecAnalyzers.Benchmarks.Analysis;

/// <summary>
/// A control, not a product: an analyzer that registers the same kinds of callbacks as the AzSecAnalyzers
/// rules (a compilation-start action, then operation actions on assignments, arguments and invocations)
/// and does nothing in them. Its cost is what Roslyn's analyzer driver charges any analyzer of that shape,
/// so "AzSecAnalyzers minus floor" is the cost of our own code.
/// </summary>
/// <remarks>
/// It runs only inside this benchmark, never in a compiler: the analyzer-authoring rules about target
/// framework, extended analyzer rules and release tracking do not apply.
/// </remarks>
#pragma warning disable RS1041, RS1036, RS2008
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class DriverFloorAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new(
        "FLOOR001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Never];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start => start.RegisterOperationAction(
            static _ => { },
            OperationKind.SimpleAssignment,
            OperationKind.CompoundAssignment,
            OperationKind.Argument,
            OperationKind.Invocation,
            OperationKind.ObjectCreation));
    }
}
#pragma warning restore RS1041, RS1036, RS2008
