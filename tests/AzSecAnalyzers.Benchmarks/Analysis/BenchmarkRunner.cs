using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace AzSecAnalyzers.Benchmarks.Analysis;

/// <summary>One timed run.</summary>
internal sealed record RunSample(double WallMs, double AnalyzerMs, long AllocatedBytes);

/// <summary>Everything measured for one analyzer set.</summary>
internal sealed class SetMeasurement
{
    public required AnalyzerSet Set { get; init; }

    public List<RunSample> Runs { get; } = [];

    public Dictionary<string, int> DiagnosticsById { get; set; } = [];

    /// <summary>Findings in the generated corpus only (not the samples), by id.</summary>
    public Dictionary<string, int> GeneratedDiagnosticsById { get; set; } = [];

    /// <summary>Per analyzer type: median execution time and the actions it registered.</summary>
    public List<AnalyzerCost> AnalyzerCosts { get; set; } = [];

    public List<double> DocumentLatenciesMs { get; } = [];

    /// <summary>Per document, the time spent inside the set's own callbacks (Roslyn telemetry), the rest being driver and binding.</summary>
    public List<double> DocumentCallbackMs { get; } = [];

    /// <summary>Per document, the CPU time of the whole request (load-independent; compare with the compiler's own).</summary>
    public List<double> DocumentCpuMs { get; } = [];

    /// <summary>With --profile: the same documents with a code-free span, so only compilation-start callbacks run.</summary>
    public List<double> StartOnlyLatenciesMs { get; } = [];

    public List<double> StartOnlyCallbackMs { get; } = [];

    public List<string> AnalyzerExceptions { get; } = [];
}

internal sealed record AnalyzerCost(string Analyzer, double MedianMs, int OperationActions, int SyntaxNodeActions, int SymbolActions, int CompilationStartActions, int OperationBlockActions, int SemanticModelActions, int SyntaxTreeActions);

/// <summary>
/// Runs each set on a fresh compilation of the same trees, in the same process: Roslyn's own telemetry
/// (<c>logAnalyzerExecutionTime</c>) gives the analyzers' execution time, the stopwatch the wall time of
/// the whole analysis (including the binding it forces), and the GC the bytes allocated on every thread.
/// Analysis is single-threaded (<c>concurrentAnalysis: false</c>, like the baseline's
/// <c>concurrentBuild: false</c>), so times are CPU cost and comparable on a shared machine.
/// </summary>
internal sealed class BenchmarkRunner(Workload workload, TextWriter log)
{
    public List<RunSample> BaselineRuns { get; } = [];

    public List<double> BaselineLatenciesMs { get; } = [];

    /// <summary>Per document, the CPU time of the compiler's own diagnostics of the method (same order as the sets').</summary>
    public List<double> BaselineCpuLatenciesMs { get; } = [];

    public RunSample MeasureBaseline()
    {
        Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var summary = workload.ParseAndEmit();
        watch.Stop();
        var sample = new RunSample(watch.Elapsed.TotalMilliseconds, 0, GC.GetTotalAllocatedBytes(precise: true) - allocated);
        if (!summary.Success)
        {
            log.WriteLine($"  baseline emit failed: {summary.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)} errors");
        }

        return sample;
    }

    public async Task<RunSample> MeasureSetAsync(SetMeasurement measurement, bool record)
    {
        var set = measurement.Set;
        var compilation = workload.CreateCompilation(set.DiagnosticOptions);
        var exceptions = new List<string>();
        var withAnalyzers = compilation.WithAnalyzers(set.Analyzers, new CompilationWithAnalyzersOptions(
            set.CreateOptions(),
            onAnalyzerException: (exception, analyzer, _) =>
            {
                lock (exceptions)
                {
                    exceptions.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}");
                }
            },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false));

        Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).ConfigureAwait(false);
        watch.Stop();
        var allocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;

        var telemetry = result.AnalyzerTelemetryInfo;
        var analyzerMs = telemetry.Values.Sum(info => info.ExecutionTime.TotalMilliseconds);
        var sample = new RunSample(watch.Elapsed.TotalMilliseconds, analyzerMs, allocatedBytes);

        if (record)
        {
            var diagnostics = result.GetAllDiagnostics();
            measurement.Runs.Add(sample);
            measurement.DiagnosticsById = CountById(diagnostics);
            measurement.GeneratedDiagnosticsById = CountById(diagnostics.Where(d => d.Location.SourceTree?.FilePath.StartsWith("generated/", StringComparison.Ordinal) == true));
            measurement.AnalyzerCosts = RecordCosts(telemetry);
            foreach (var exception in exceptions.Distinct().Where(e => !measurement.AnalyzerExceptions.Contains(e)).Take(20))
            {
                measurement.AnalyzerExceptions.Add(exception);
            }
        }

        return sample;
    }

    /// <summary>
    /// IDE-style latency: what the IDE does after a keystroke in one method. A new compilation (sharing the
    /// parsed trees and the references) and a new <see cref="CompilationWithAnalyzers"/>, so compilation-start
    /// work runs again, then the semantic diagnostics of one document restricted to one method
    /// (<c>filterSpan</c>). With <paramref name="set"/> null: the compiler's own semantic diagnostics of that
    /// method, the latency floor.
    /// </summary>
    public async Task<List<double>> MeasureLatencyAsync(AnalyzerSet? set, IReadOnlyList<(SyntaxTree Tree, Microsoft.CodeAnalysis.Text.TextSpan Span)> targets, int warmup, List<double>? callbackMs = null, List<double>? cpuMs = null)
    {
        var latencies = new List<double>(targets.Count);
        var options = set is null ? null : set.CreateOptions();
        var template = workload.CreateCompilation(set?.DiagnosticOptions);

        // The IDE keeps declarations between keystrokes: build them once, outside the timing.
        _ = template.GetDeclarationDiagnostics();

        for (var i = -warmup; i < targets.Count; i++)
        {
            var (tree, span) = targets[Math.Max(i, 0) % targets.Count];
            var compilation = template.Clone();
            var cpu = CpuClock.NowMs();
            var watch = Stopwatch.StartNew();
            var model = compilation.GetSemanticModel(tree);
            if (set is null)
            {
                _ = model.GetDiagnostics(span);
                if (cpuMs is not null && i >= 0)
                {
                    cpuMs.Add(CpuClock.NowMs() - cpu);
                }
            }
            else
            {
                var withAnalyzers = compilation.WithAnalyzers(set.Analyzers, new CompilationWithAnalyzersOptions(
                    options!, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: callbackMs is not null, reportSuppressedDiagnostics: false));
                _ = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, span, CancellationToken.None).ConfigureAwait(false);
                watch.Stop();
                if (cpuMs is not null && i >= 0)
                {
                    cpuMs.Add(CpuClock.NowMs() - cpu);
                }

                if (callbackMs is not null && i >= 0)
                {
                    var inCallbacks = 0.0;
                    foreach (var analyzer in set.Analyzers)
                    {
                        inCallbacks += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false)).ExecutionTime.TotalMilliseconds;
                    }

                    callbackMs.Add(inCallbacks);
                }
            }

            watch.Stop();
            if (i >= 0)
            {
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return latencies;
    }

    /// <summary>Documents spread evenly over the generated corpus, each with its longest method.</summary>
    public static List<(SyntaxTree Tree, Microsoft.CodeAnalysis.Text.TextSpan Span)> LatencyTargets(Workload workload, int count, bool codeFree = false)
    {
        var generated = workload.Trees.Where(tree => tree.FilePath.StartsWith("generated/", StringComparison.Ordinal)).ToList();
        if (generated.Count == 0 || count <= 0)
        {
            return [];
        }

        var step = Math.Max(1.0, generated.Count / (double)count);
        var targets = new List<(SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan)>();
        for (var position = 0.0; position < generated.Count && targets.Count < count; position += step)
        {
            var tree = generated[(int)position];
            var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().MaxBy(m => m.Span.Length);
            if (codeFree)
            {
                // The file-scoped namespace's name: no executable code, so no operation callback runs and
                // the time inside the analyzers' callbacks is their compilation-start work alone.
                if (tree.GetRoot().DescendantNodes().OfType<FileScopedNamespaceDeclarationSyntax>().FirstOrDefault() is { } ns)
                {
                    targets.Add((tree, ns.Name.Span));
                }
            }
            else if (method is not null)
            {
                targets.Add((tree, method.Span));
            }
        }

        return targets;
    }

    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        // Nearest-rank on the sorted samples, interpolated between neighbours.
        var rank = percentile / 100.0 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private static Dictionary<string, int> CountById(IEnumerable<Diagnostic> diagnostics)
        => diagnostics.GroupBy(d => d.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    // Keeps every run's time per analyzer so the report can give a median per analyzer.
    private readonly Dictionary<string, List<double>> _perAnalyzer = new(StringComparer.Ordinal);

    private List<AnalyzerCost> RecordCosts(ImmutableDictionary<DiagnosticAnalyzer, AnalyzerTelemetryInfo> telemetry)
    {
        var costs = new List<AnalyzerCost>();
        foreach (var (analyzer, info) in telemetry)
        {
            var key = analyzer.GetType().FullName ?? analyzer.GetType().Name;
            if (!_perAnalyzer.TryGetValue(key, out var times))
            {
                _perAnalyzer[key] = times = [];
            }

            times.Add(info.ExecutionTime.TotalMilliseconds);
            costs.Add(new AnalyzerCost(
                key,
                Median(times),
                info.OperationActionsCount,
                info.SyntaxNodeActionsCount,
                info.SymbolActionsCount,
                info.CompilationStartActionsCount,
                info.OperationBlockActionsCount + info.OperationBlockStartActionsCount,
                info.SemanticModelActionsCount,
                info.SyntaxTreeActionsCount));
        }

        return costs.OrderByDescending(cost => cost.MedianMs).ToList();
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
