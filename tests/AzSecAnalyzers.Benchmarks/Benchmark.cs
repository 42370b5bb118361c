using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using AzSecAnalyzers.Benchmarks.Analysis;
using AzSecAnalyzers.Benchmarks.Reporting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AzSecAnalyzers.Benchmarks;

/// <summary>The whole run: corpus, baseline, every set, latency, report.</summary>
internal static class Benchmark
{
    public const string ResultsJson = "results.json";
    public const string ResultsMarkdown = "results.md";

    // The goals the issue sets, checked on every run.
    private const double MaxShareOfBaseline = 0.05;
    private const double MaxShareOfPeer = 0.20;
    private const double MaxP95LatencyMs = 20.0;

    public static async Task<int> RunAsync(BenchmarkOptions options, TextWriter log)
    {
        var total = Stopwatch.StartNew();
        var inv = CultureInfo.InvariantCulture;
        if (options.Taint)
        {
            return await TaintBenchmark.RunAsync(options, log).ConfigureAwait(false);
        }

        if (options.SourceDirectory is not null)
        {
            return await Sources.SourceBenchmark.RunAsync(options, log).ConfigureAwait(false);
        }

        var sets = options.Sets.Select(AnalyzerSets.Load).ToList();

        if (options.ListRules)
        {
            foreach (var set in sets)
            {
                log.WriteInvariant($"{set.Name}: {set.Analyzers.Length} analyzers, {set.RuleIds.Length} rules ({set.Selection})");
                log.WriteLine("  " + string.Join(' ', set.RuleIds));
                log.WriteLine("  " + set.Census);
                foreach (var error in set.LoadErrors)
                {
                    log.WriteLine("  load error: " + error);
                }
            }

            return 0;
        }

        log.WriteInvariant($"Generating {options.Files} files (seed {options.Seed})...");
        var workload = Workload.Create(options.Files, options.Seed, options.IncludeSamples);
        log.WriteInvariant($"  {workload.Files.Length} files, {workload.LineCount:N0} lines, {workload.References.Length} references");

        var problems = new List<string>();
        var compilerDiagnostics = workload.CreateCompilation().GetDiagnostics();
        var errors = compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var warnings = compilerDiagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        var warningsById = compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning)
            .GroupBy(d => d.Id, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Take(8)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        log.WriteInvariant($"  compiler: {errors.Count} errors, {warnings} warnings ({string.Join(", ", warningsById.Select(p => $"{p.Key} {p.Value}"))})");
        foreach (var error in errors.Take(10))
        {
            log.WriteLine("    " + error);
        }

        if (errors.Count > 0)
        {
            problems.Add($"the corpus has {errors.Count} compiler errors; analyzers behave differently on broken code");
        }

        foreach (var set in sets)
        {
            log.WriteInvariant($"  {set.Name}: {set.Analyzers.Length} analyzers, {set.RuleIds.Length} rules ({set.Selection})");
            foreach (var error in set.LoadErrors)
            {
                problems.Add($"{set.Name}: {error}");
            }

            if (set.Analyzers.IsEmpty)
            {
                problems.Add($"{set.Name}: no analyzer loaded");
            }
        }

        var runner = new BenchmarkRunner(workload, log);
        var measurements = sets.Select(set => new SetMeasurement { Set = set }).ToList();

        // A long run on a busy machine may be stopped: keep what is measured so far on disk.
        async Task WritePartialAsync()
        {
            if (options.Smoke)
            {
                return;
            }

            var partial = BuildReport(options, workload, errors, warnings, warningsById, runner, measurements, [.. problems], partial: true);
            Directory.CreateDirectory(options.OutputDirectory);
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, ResultsJson), partial.ToJson()).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, ResultsMarkdown), partial.ToMarkdown()).ConfigureAwait(false);
        }

        // Interleaved: every iteration runs the baseline and then each set, so a noisy neighbour on the
        // shared machine spreads over all of them instead of hitting one.
        for (var iteration = -options.Warmup; iteration < options.Iterations; iteration++)
        {
            var label = iteration < 0 ? "warm-up" : $"run {iteration + 1}/{options.Iterations}";
            var baseline = runner.MeasureBaseline();
            if (iteration >= 0)
            {
                runner.BaselineRuns.Add(baseline);
            }

            log.WriteInvariant($"{label}: baseline {baseline.WallMs:N0} ms");
            foreach (var measurement in measurements.Where(m => !m.Set.Analyzers.IsEmpty))
            {
                var sample = await runner.MeasureSetAsync(measurement, record: iteration >= 0).ConfigureAwait(false);
                log.WriteInvariant($"{label}: {measurement.Set.Name} analyzers {sample.AnalyzerMs:N0} ms, wall {sample.WallMs:N0} ms, {sample.AllocatedBytes / 1e6:N0} MB");
                await WritePartialAsync().ConfigureAwait(false);
            }
        }

        var targets = BenchmarkRunner.LatencyTargets(workload, options.LatencyDocuments);
        var latencyWarmup = options.Smoke ? 0 : 3;
        log.WriteInvariant($"Single-document latency over {targets.Count} documents...");
        runner.BaselineLatenciesMs.AddRange(await runner.MeasureLatencyAsync(null, targets, latencyWarmup, cpuMs: runner.BaselineCpuLatenciesMs).ConfigureAwait(false));
        foreach (var measurement in measurements.Where(m => !m.Set.Analyzers.IsEmpty))
        {
            measurement.DocumentLatenciesMs.AddRange(await runner.MeasureLatencyAsync(measurement.Set, targets, latencyWarmup, measurement.DocumentCallbackMs, measurement.DocumentCpuMs).ConfigureAwait(false));
            log.WriteInvariant($"  {measurement.Set.Name}: p50 {BenchmarkRunner.Percentile(measurement.DocumentLatenciesMs, 50):N1} ms, p95 {BenchmarkRunner.Percentile(measurement.DocumentLatenciesMs, 95):N1} ms; CPU added over the compiler p50 {BenchmarkRunner.Percentile(Added(measurement.DocumentCpuMs, runner.BaselineCpuLatenciesMs), 50):N1} ms, p95 {BenchmarkRunner.Percentile(Added(measurement.DocumentCpuMs, runner.BaselineCpuLatenciesMs), 95):N1} ms");
            await WritePartialAsync().ConfigureAwait(false);
        }

        if (options.Profile)
        {
            var codeFree = BenchmarkRunner.LatencyTargets(workload, options.LatencyDocuments, codeFree: true);
            log.WriteInvariant($"Profile: compilation-start work alone, over {codeFree.Count} documents...");
            foreach (var measurement in measurements.Where(m => !m.Set.Analyzers.IsEmpty))
            {
                measurement.StartOnlyLatenciesMs.AddRange(await runner.MeasureLatencyAsync(measurement.Set, codeFree, latencyWarmup, measurement.StartOnlyCallbackMs).ConfigureAwait(false));
                log.WriteInvariant($"  {measurement.Set.Name}: p50 {BenchmarkRunner.Percentile(measurement.StartOnlyLatenciesMs, 50):N1} ms, p95 {BenchmarkRunner.Percentile(measurement.StartOnlyLatenciesMs, 95):N1} ms; in callbacks p50 {BenchmarkRunner.Percentile(measurement.StartOnlyCallbackMs, 50):N2} ms, p95 {BenchmarkRunner.Percentile(measurement.StartOnlyCallbackMs, 95):N2} ms");
            }
        }

        var report = BuildReport(options, workload, errors, warnings, warningsById, runner, measurements, problems, partial: false);
        Directory.CreateDirectory(options.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, ResultsJson), report.ToJson()).ConfigureAwait(false);
        var markdown = report.ToMarkdown();
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, ResultsMarkdown), markdown).ConfigureAwait(false);

        log.WriteLine();
        log.WriteLine(markdown);
        log.WriteInvariant($"Wrote {Path.Combine(options.OutputDirectory, ResultsMarkdown)} and {ResultsJson} in {total.Elapsed.TotalSeconds:N0} s.");
        return report.Problems.Count == 0 ? 0 : 1;
    }

    private static BenchmarkReport BuildReport(
        BenchmarkOptions options,
        Workload workload,
        List<Diagnostic> errors,
        int warnings,
        Dictionary<string, int> warningsById,
        BenchmarkRunner runner,
        List<SetMeasurement> measurements,
        List<string> problems,
        bool partial)
    {
        var inv = CultureInfo.InvariantCulture;
        var baselineMs = BenchmarkRunner.Median(runner.BaselineRuns.Select(r => r.WallMs));
        var azsec = measurements.FirstOrDefault(m => m.Set.Name == AnalyzerSets.AzSec);
        var azsecMs = azsec is { Runs.Count: > 0 } ? BenchmarkRunner.Median(azsec.Runs.Select(r => r.AnalyzerMs)) : double.NaN;

        var sets = new List<SetResult>();
        foreach (var m in measurements)
        {
            var analyzerMs = BenchmarkRunner.Median(m.Runs.Select(r => r.AnalyzerMs));
            var findings = m.DiagnosticsById.Values.Sum();
            if (!m.Set.Analyzers.IsEmpty && findings == 0 && !AnalyzerSets.IsControl(m.Set.Name) && !partial)
            {
                problems.Add($"{m.Set.Name} reported nothing on the corpus: is it running?");
            }

            if (m.AnalyzerExceptions.Count > 0 && m.Set.Name == AnalyzerSets.AzSec)
            {
                problems.Add($"{m.Set.Name}: {m.AnalyzerExceptions.Count} analyzer exception(s), first: {m.AnalyzerExceptions[0]}");
            }

            sets.Add(new SetResult
            {
                Name = m.Set.Name,
                Package = m.Set.Package,
                Selection = m.Set.Selection,
                AnalyzerCount = m.Set.Analyzers.Length,
                RuleCount = m.Set.RuleIds.Length,
                LoadErrors = m.Set.LoadErrors,
                AnalyzerMsMedian = Round(analyzerMs),
                WallMsMedian = Round(BenchmarkRunner.Median(m.Runs.Select(r => r.WallMs))),
                AllocatedMbMedian = Round(BenchmarkRunner.Median(m.Runs.Select(r => r.AllocatedBytes / 1e6))),
                AnalyzerMs = m.Runs.Select(r => Round(r.AnalyzerMs)).ToList(),
                WallMs = m.Runs.Select(r => Round(r.WallMs)).ToList(),
                AnalyzerToBaseline = Round(analyzerMs / baselineMs, 4),
                WallToBaseline = Round(BenchmarkRunner.Median(m.Runs.Select(r => r.WallMs)) / baselineMs, 4),
                AnalyzerToAzSec = Round(analyzerMs / azsecMs, 2),
                Findings = findings,
                FindingsById = m.DiagnosticsById,
                GeneratedFindingsById = m.GeneratedDiagnosticsById,
                AnalyzerExceptions = m.AnalyzerExceptions,
                LatencyP50Ms = Round(BenchmarkRunner.Percentile(m.DocumentLatenciesMs, 50), 2),
                LatencyP95Ms = Round(BenchmarkRunner.Percentile(m.DocumentLatenciesMs, 95), 2),
                LatencyMaxMs = Round(m.DocumentLatenciesMs.DefaultIfEmpty(double.NaN).Max(), 2),
                StartOnlyLatencyP50Ms = m.StartOnlyLatenciesMs.Count == 0 ? null : Round(BenchmarkRunner.Percentile(m.StartOnlyLatenciesMs, 50), 2),
                StartOnlyLatencyP95Ms = m.StartOnlyLatenciesMs.Count == 0 ? null : Round(BenchmarkRunner.Percentile(m.StartOnlyLatenciesMs, 95), 2),
                StartOnlyCallbackP50Ms = m.StartOnlyCallbackMs.Count == 0 ? null : Round(BenchmarkRunner.Percentile(m.StartOnlyCallbackMs, 50), 2),
                StartOnlyCallbackP95Ms = m.StartOnlyCallbackMs.Count == 0 ? null : Round(BenchmarkRunner.Percentile(m.StartOnlyCallbackMs, 95), 2),
                CallbackLatencyP50Ms = Round(BenchmarkRunner.Percentile(m.DocumentCallbackMs, 50), 2),
                CallbackLatencyP95Ms = Round(BenchmarkRunner.Percentile(m.DocumentCallbackMs, 95), 2),
                AddedLatencyP50Ms = Round(BenchmarkRunner.Percentile(Added(m.DocumentLatenciesMs, runner.BaselineLatenciesMs), 50), 2),
                AddedLatencyP95Ms = Round(BenchmarkRunner.Percentile(Added(m.DocumentLatenciesMs, runner.BaselineLatenciesMs), 95), 2),
                AddedCpuLatencyP50Ms = m.DocumentCpuMs.Count == 0 ? null : Round(BenchmarkRunner.Percentile(Added(m.DocumentCpuMs, runner.BaselineCpuLatenciesMs), 50), 2),
                AddedCpuLatencyP95Ms = m.DocumentCpuMs.Count == 0 ? null : Round(BenchmarkRunner.Percentile(Added(m.DocumentCpuMs, runner.BaselineCpuLatenciesMs), 95), 2),
                CostliestAnalyzers = m.AnalyzerCosts.Take(10).Select(c => new CostInfo(
                    c.Analyzer, Round(c.MedianMs), c.OperationActions, c.SyntaxNodeActions, c.SymbolActions, c.CompilationStartActions,
                    c.OperationBlockActions, c.SemanticModelActions, c.SyntaxTreeActions)).ToList(),
            });
        }

        // Every planted AzSec trigger must be reported by our set, in the generated code.
        if (azsec is not null)
        {
            foreach (var (ruleId, planted) in workload.Corpus.PlantedAzSecRules)
            {
                var found = azsec.GeneratedDiagnosticsById.GetValueOrDefault(ruleId);
                if (found < planted)
                {
                    problems.Add($"{ruleId}: planted {planted} time(s) in the generated code, AzSecAnalyzers reported {found}");
                }
            }
        }

        var goals = new List<GoalResult>();
        var azsecResult = sets.FirstOrDefault(s => s.Name == AnalyzerSets.AzSec);
        if (azsecResult is not null)
        {
            goals.Add(new GoalResult(
                "AzSecAnalyzers adds under 5% to the baseline compile time",
                string.Create(inv, $"{azsecResult.AnalyzerToBaseline * 100:N2}% ({azsecResult.AnalyzerMsMedian:N0} ms of {baselineMs:N0} ms)"),
                azsecResult.AnalyzerToBaseline < MaxShareOfBaseline));
            foreach (var peer in sets.Where(s => s.Name != AnalyzerSets.AzSec && !AnalyzerSets.IsControl(s.Name) && s.AnalyzerMsMedian > 0))
            {
                var share = azsecResult.AnalyzerMsMedian / peer.AnalyzerMsMedian;
                goals.Add(new GoalResult(
                    $"AzSecAnalyzers costs under a fifth of {peer.Name}'s security rules",
                    string.Create(inv, $"{share * 100:N1}% ({azsecResult.AnalyzerMsMedian:N0} ms vs {peer.AnalyzerMsMedian:N0} ms)"),
                    share < MaxShareOfPeer));
            }

            goals.Add(new GoalResult(
                "p95 single-document latency under 20 ms",
                string.Create(inv, $"{azsecResult.LatencyP95Ms:N1} ms including the method's binding (p50 {azsecResult.LatencyP50Ms:N1} ms; compiler alone p95 {BenchmarkRunner.Percentile(runner.BaselineLatenciesMs, 95):N1} ms); added over the compiler p95 {azsecResult.AddedLatencyP95Ms:N1} ms"),
                azsecResult.LatencyP95Ms < MaxP95LatencyMs));

            if (azsecResult.AddedCpuLatencyP95Ms is { } addedCpuP95)
            {
                goals.Add(new GoalResult(
                    "p95 added single-document latency ≤ 20 ms, in CPU time (load-independent): the set's request minus the compiler's own for the same method",
                    string.Create(inv, $"{addedCpuP95:N1} ms (p50 {azsecResult.AddedCpuLatencyP50Ms:N1} ms)"),
                    addedCpuP95 <= MaxP95LatencyMs));
            }

            if (sets.FirstOrDefault(s => s.Name == AnalyzerSets.DriverFloor) is { } floor)
            {
                goals.Add(new GoalResult(
                    "(diagnosis) AzSecAnalyzers above the driver floor, a do-nothing analyzer of the same shape",
                    string.Create(inv, $"analyzer time {azsecResult.AnalyzerMsMedian - floor.AnalyzerMsMedian:N0} ms over the floor's {floor.AnalyzerMsMedian:N0} ms; document p95 {azsecResult.LatencyP95Ms:N1} ms vs floor {floor.LatencyP95Ms:N1} ms, of which in AzSecAnalyzers' own callbacks p50 {azsecResult.CallbackLatencyP50Ms:N1} ms / p95 {azsecResult.CallbackLatencyP95Ms:N1} ms"),
                    Met: true));
            }
        }

        return new BenchmarkReport
        {
            GeneratedAtUtc = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", inv),
            Mode = options.Smoke ? "smoke" : partial ? "partial (still running or stopped)" : "full",
            Machine = new MachineInfo(
                Environment.ProcessorCount,
                RuntimeInformation.OSDescription,
                RuntimeInformation.FrameworkDescription,
                typeof(CSharpCompilation).Assembly.GetName().Version?.ToString() ?? "?",
                string.Create(inv, $"Measured on a {Environment.ProcessorCount}-core machine shared with other builds; single-threaded compile and analysis.")),
            Corpus = new CorpusInfo(
                workload.Corpus.Files.Count,
                workload.SampleFileCount,
                workload.LineCount,
                options.Seed,
                errors.Count,
                warnings,
                warningsById,
                errors.Take(10).Select(e => e.ToString()).ToList(),
                workload.Corpus.PlantedTriggers,
                workload.Corpus.PlantedAzSecRules),
            Settings = new SettingsInfo(options.Iterations, options.Warmup, options.LatencyDocuments, ConcurrentAnalysis: false, options.Sets),
            Baseline = new BaselineResult(
                Round(baselineMs),
                Round(BenchmarkRunner.Median(runner.BaselineRuns.Select(r => r.AllocatedBytes / 1e6))),
                runner.BaselineRuns.Select(r => Round(r.WallMs)).ToList(),
                Round(BenchmarkRunner.Percentile(runner.BaselineLatenciesMs, 50), 2),
                Round(BenchmarkRunner.Percentile(runner.BaselineLatenciesMs, 95), 2)),
            Sets = sets,
            Goals = goals,
            Problems = problems,
        };
    }

    private static IEnumerable<double> Added(List<double> withAnalyzers, List<double> compilerOnly)
        => withAnalyzers.Zip(compilerOnly, (set, compiler) => set - compiler);

    private static double Round(double value, int digits = 1) => double.IsFinite(value) ? Math.Round(value, digits) : value;
}

/// <summary>Culture-independent progress output.</summary>
internal static class TextWriterExtensions
{
    public static void WriteInvariant(this TextWriter writer, FormattableString text) => writer.WriteLine(FormattableString.Invariant(text));
}
