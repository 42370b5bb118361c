using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AzSecAnalyzers.Benchmarks.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AzSecAnalyzers.Benchmarks.Sources;

/// <summary>
/// <c>--src DIR</c>: the compiler alone and every analyzer set over a real application's projects, in the
/// same process and the same run, interleaved per iteration (baseline, then each set), medians after warm-up.
/// Reports each set's analyzer time (Roslyn telemetry, summed over the projects) against the compiler-only
/// time (parse + bind + emit of every project) and against AzSecAnalyzers, and the time of each analyzer.
/// Writes src-&lt;name&gt;-results.md/json.
/// </summary>
internal static class SourceBenchmark
{
    private const double MaxShareOfBaseline = 0.05;
    private const double MaxShareOfPeer = 0.20;

    public static async Task<int> RunAsync(BenchmarkOptions options, TextWriter log)
    {
        var inv = CultureInfo.InvariantCulture;
        var startLoad = LoadAverage();
        var workload = SourceWorkload.Load(options.SourceDirectory!);
        var name = options.SourceName ?? Path.GetFileName(workload.Root.TrimEnd(Path.DirectorySeparatorChar));
        log.WriteInvariant($"{name}: {workload.Projects.Length} projects, {workload.FileCount} files, {workload.LineCount:N0} lines, {workload.References.Length} references");
        log.WriteInvariant($"  packages from the restore folder: {string.Join(", ", workload.PackagesFound)}");
        log.WriteInvariant($"  packages not available (their types do not bind): {workload.PackagesMissing.Count}");

        var compilations = workload.CreateCompilations();
        var errorsByProject = new Dictionary<string, int>(StringComparer.Ordinal);
        var errorIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var compilation in compilations)
        {
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            errorsByProject[compilation.AssemblyName!] = errors.Count;
            foreach (var error in errors)
            {
                errorIds[error.Id] = errorIds.GetValueOrDefault(error.Id) + 1;
            }
        }

        var totalErrors = errorsByProject.Values.Sum();
        log.WriteInvariant($"  compiler errors: {totalErrors} ({string.Join(", ", errorIds.OrderByDescending(p => p.Value).Take(6).Select(p => $"{p.Key} {p.Value}"))})");

        var sets = options.Sets.Select(AnalyzerSets.Load).Where(s => !s.Analyzers.IsEmpty).ToList();
        var baselineWall = new List<double>();
        var baselineCpu = new List<double>();
        var setRuns = sets.ToDictionary(s => s.Name, _ => new List<(double AnalyzerMs, double WallMs, double CpuMs)>(), StringComparer.Ordinal);
        var perAnalyzer = sets.ToDictionary(s => s.Name, _ => new Dictionary<string, List<double>>(StringComparer.Ordinal), StringComparer.Ordinal);
        var findings = sets.ToDictionary(s => s.Name, _ => new Dictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);
        var exceptions = sets.ToDictionary(s => s.Name, _ => new List<string>(), StringComparer.Ordinal);

        for (var iteration = -options.Warmup; iteration < options.Iterations; iteration++)
        {
            var label = iteration < 0 ? "warm-up" : $"run {iteration + 1}/{options.Iterations}";
            var (wall, cpu) = Measure(() =>
            {
                foreach (var compilation in workload.CreateCompilations(reparse: true))
                {
                    using var pe = new MemoryStream();
                    using var pdb = new MemoryStream();
                    _ = compilation.Emit(pe, pdb, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(debugInformationFormat: Microsoft.CodeAnalysis.Emit.DebugInformationFormat.PortablePdb));
                }
            });
            log.WriteInvariant($"{label}: compiler {wall:N0} ms (CPU {cpu:N0} ms)");
            if (iteration >= 0)
            {
                baselineWall.Add(wall);
                baselineCpu.Add(cpu);
            }

            foreach (var set in sets)
            {
                var telemetry = new Dictionary<string, double>(StringComparer.Ordinal);
                var diagnostics = new List<Diagnostic>();
                var errors = new List<string>();
                var (setWall, setCpu) = await MeasureAsync(async () =>
                {
                    foreach (var compilation in workload.CreateCompilations(set.DiagnosticOptions))
                    {
                        var withAnalyzers = compilation.WithAnalyzers(set.Analyzers, new CompilationWithAnalyzersOptions(
                            set.CreateOptions(),
                            (exception, analyzer, _) => { lock (errors) { errors.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"); } },
                            concurrentAnalysis: false,
                            logAnalyzerExecutionTime: true,
                            reportSuppressedDiagnostics: false));
                        var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).ConfigureAwait(false);
                        foreach (var (analyzer, info) in result.AnalyzerTelemetryInfo)
                        {
                            var key = analyzer.GetType().Name;
                            telemetry[key] = telemetry.GetValueOrDefault(key) + info.ExecutionTime.TotalMilliseconds;
                        }

                        diagnostics.AddRange(result.GetAllDiagnostics());
                    }
                }).ConfigureAwait(false);
                var analyzerMs = telemetry.Values.Sum();
                log.WriteInvariant($"{label}: {set.Name} analyzers {analyzerMs:N0} ms, wall {setWall:N0} ms, CPU {setCpu:N0} ms, {diagnostics.Count} findings; top: {string.Join(", ", telemetry.OrderByDescending(p => p.Value).Take(5).Select(p => $"{p.Key} {p.Value:N0}"))}");
                if (iteration < 0)
                {
                    continue;
                }

                setRuns[set.Name].Add((analyzerMs, setWall, setCpu));
                foreach (var (key, ms) in telemetry)
                {
                    (perAnalyzer[set.Name].TryGetValue(key, out var list) ? list : perAnalyzer[set.Name][key] = []).Add(ms);
                }

                findings[set.Name] = diagnostics.GroupBy(d => d.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                exceptions[set.Name].AddRange(errors.Distinct().Where(e => !exceptions[set.Name].Contains(e)).Take(5));
            }
        }

        var endLoad = LoadAverage();
        var baselineMs = BenchmarkRunner.Median(baselineWall);
        var azsecMs = setRuns.TryGetValue(AnalyzerSets.AzSec, out var azRuns) && azRuns.Count > 0 ? BenchmarkRunner.Median(azRuns.Select(r => r.AnalyzerMs)) : double.NaN;
        // On a shared machine wall time (and Roslyn's telemetry, a stopwatch around each callback) grows with the other
        // processes' load; CPU time does not. A set's cost in CPU is its analysis minus the do-nothing floor's, which
        // binds the same code: what the set's own code and the driver work it causes add.
        var compilerCpuMs = BenchmarkRunner.Median(baselineCpu);
        var floorCpuMs = setRuns.TryGetValue(AnalyzerSets.DriverFloor, out var floorRuns) && floorRuns.Count > 0 ? BenchmarkRunner.Median(floorRuns.Select(r => r.CpuMs)) : double.NaN;
        double AddedCpu(string set) => setRuns[set].Count == 0 ? double.NaN : BenchmarkRunner.Median(setRuns[set].Select(r => r.CpuMs)) - floorCpuMs;
        var azsecCpuMs = setRuns.ContainsKey(AnalyzerSets.AzSec) ? AddedCpu(AnalyzerSets.AzSec) : double.NaN;
        var results = sets.Select(set =>
        {
            var runs = setRuns[set.Name];
            var analyzerMs = BenchmarkRunner.Median(runs.Select(r => r.AnalyzerMs));
            var addedCpu = AddedCpu(set.Name);
            return new
            {
                name = set.Name,
                package = set.Package,
                rules = set.RuleIds.Length,
                analyzerMsMedian = Math.Round(analyzerMs, 1),
                analyzerMs = runs.Select(r => Math.Round(r.AnalyzerMs, 1)).ToList(),
                wallMsMedian = Math.Round(BenchmarkRunner.Median(runs.Select(r => r.WallMs)), 1),
                cpuMsMedian = Math.Round(BenchmarkRunner.Median(runs.Select(r => r.CpuMs)), 1),
                cpuMs = runs.Select(r => Math.Round(r.CpuMs, 1)).ToList(),
                addedCpuMs = Math.Round(addedCpu, 1),
                addedCpuToCompilerCpu = Math.Round(addedCpu / compilerCpuMs, 4),
                addedCpuToAzSec = Math.Round(addedCpu / azsecCpuMs, 3),
                toCompiler = Math.Round(analyzerMs / baselineMs, 4),
                toAzSec = Math.Round(analyzerMs / azsecMs, 3),
                findings = findings[set.Name].Values.Sum(),
                findingsById = findings[set.Name],
                analyzerExceptions = exceptions[set.Name],
                analyzers = perAnalyzer[set.Name]
                    .Select(p => new { analyzer = p.Key, medianMs = Math.Round(BenchmarkRunner.Median(p.Value), 1) })
                    .OrderByDescending(a => a.medianMs).ToList(),
            };
        }).ToList();

        var goals = new List<(string Goal, string Measured, bool Met)>();
        if (results.FirstOrDefault(r => r.name == AnalyzerSets.AzSec) is { } azCpu && double.IsFinite(floorCpuMs))
        {
            goals.Add(("AzSecAnalyzers ≤ 5% of the compiler-only time (CPU over the floor)", string.Create(inv, $"{azCpu.addedCpuToCompilerCpu * 100:N2}% ({azCpu.addedCpuMs:N0} ms of {compilerCpuMs:N0} ms CPU)"), azCpu.addedCpuToCompilerCpu <= MaxShareOfBaseline));
            foreach (var peer in results.Where(r => r.name != AnalyzerSets.AzSec && !AnalyzerSets.IsControl(r.name) && r.addedCpuMs > 0))
            {
                var share = azCpu.addedCpuMs / peer.addedCpuMs;
                goals.Add(($"AzSecAnalyzers ≤ 0.2× {peer.name}'s security rules (CPU over the floor)", string.Create(inv, $"{share:N3}× ({azCpu.addedCpuMs:N0} ms vs {peer.addedCpuMs:N0} ms)"), share <= MaxShareOfPeer));
            }
        }

        if (results.FirstOrDefault(r => r.name == AnalyzerSets.AzSec) is { } az)
        {
            goals.Add(("AzSecAnalyzers ≤ 5% of the compiler-only time (telemetry vs wall)", string.Create(inv, $"{az.toCompiler * 100:N2}% ({az.analyzerMsMedian:N0} ms of {baselineMs:N0} ms)"), az.toCompiler <= MaxShareOfBaseline));
            foreach (var peer in results.Where(r => r.name != AnalyzerSets.AzSec && !AnalyzerSets.IsControl(r.name) && r.analyzerMsMedian > 0))
            {
                var share = az.analyzerMsMedian / peer.analyzerMsMedian;
                goals.Add(($"AzSecAnalyzers ≤ 0.2× {peer.name}'s security rules (telemetry)", string.Create(inv, $"{share:N3}× ({az.analyzerMsMedian:N0} ms vs {peer.analyzerMsMedian:N0} ms)"), share <= MaxShareOfPeer));
            }
        }

        var report = new
        {
            mode = "src",
            application = name,
            generatedAtUtc = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", inv),
            machine = string.Create(inv, $"{Environment.ProcessorCount} cores, load average {startLoad} at start and {endLoad} at end (other helpers building); single-threaded compile and analysis"),
            iterations = options.Iterations,
            warmup = options.Warmup,
            projects = workload.Projects.Select(p => new { name = p.Name, files = p.Trees.Length - 1, lines = p.Lines, outputKind = p.OutputKind.ToString(), compilerErrors = errorsByProject.GetValueOrDefault(p.Name) }).ToList(),
            files = workload.FileCount,
            lines = workload.LineCount,
            compilerErrors = totalErrors,
            compilerErrorsById = errorIds.OrderByDescending(p => p.Value).Take(12).ToDictionary(p => p.Key, p => p.Value),
            packagesFound = workload.PackagesFound,
            packagesMissing = workload.PackagesMissing,
            compilerMsMedian = Math.Round(baselineMs, 1),
            compilerMs = baselineWall.Select(v => Math.Round(v, 1)).ToList(),
            compilerCpuMsMedian = Math.Round(compilerCpuMs, 1),
            compilerCpuMs = baselineCpu.Select(v => Math.Round(v, 1)).ToList(),
            floorCpuMsMedian = Math.Round(floorCpuMs, 1),
            sets = results,
            goals = goals.Select(g => new { goal = g.Goal, measured = g.Measured, met = g.Met }).ToList(),
        };

        var md = new StringBuilder();
        md.AppendLine(inv, $"### {name}: {workload.Projects.Length} projects, {workload.FileCount:N0} files, {workload.LineCount:N0} lines, {totalErrors:N0} compiler errors");
        md.AppendLine();
        md.AppendLine(inv, $"{report.machine}; medians of {options.Iterations} runs after {options.Warmup} warm-up, measured {report.generatedAtUtc}. ");
        md.AppendLine(inv, $"Compiler alone (parse + bind + emit of every project): **{report.compilerCpuMsMedian:N0} ms CPU** ({baselineMs:N0} ms wall). Packages bound from the restore folder: {workload.PackagesFound.Count}; not available: {workload.PackagesMissing.Count}. Most frequent errors: {string.Join(", ", report.compilerErrorsById.Take(5).Select(p => $"{p.Key} {p.Value}"))}.");
        md.AppendLine();
        md.AppendLine("CPU over floor = the set's analysis CPU time minus the do-nothing DriverFloor's (same binding), the load-independent measure; telemetry = Roslyn's per-analyzer stopwatch, inflated by the machine's load, used for the split between analyzers.");
        md.AppendLine();
        md.AppendLine("| Set | Rules | CPU over floor (ms) | vs. compiler CPU | vs. AzSecAnalyzers | Telemetry (ms) | vs. compiler wall | Analysis CPU / wall (ms) | Findings | Costliest analyzers (telemetry ms) |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            md.AppendLine(inv, $"| {r.name} | {r.rules} | {r.addedCpuMs:N0} | {r.addedCpuToCompilerCpu * 100:N2}% | {r.addedCpuToAzSec:N2}× | {r.analyzerMsMedian:N0} | {r.toCompiler * 100:N2}% | {r.cpuMsMedian:N0} / {r.wallMsMedian:N0} | {r.findings:N0} | {string.Join(", ", r.analyzers.Take(3).Select(a => string.Create(inv, $"`{a.analyzer}` {a.medianMs:N0}")))} |");
        }

        md.AppendLine();
        md.AppendLine("| Goal | Measured | Met |");
        md.AppendLine("|---|---|---|");
        foreach (var goal in goals)
        {
            md.AppendLine(inv, $"| {goal.Goal} | {goal.Measured} | {(goal.Met ? "yes" : "**no**")} |");
        }

        if (results.FirstOrDefault(r => r.name == AnalyzerSets.AzSec) is { } azsec)
        {
            md.AppendLine();
            md.AppendLine(inv, $"AzSecAnalyzers per analyzer (median ms): {string.Join(", ", azsec.analyzers.Where(a => a.medianMs >= 0.5).Select(a => string.Create(inv, $"{a.analyzer} {a.medianMs:N1}")))}. ");
            md.AppendLine(inv, $"AzSecAnalyzers findings: {string.Join(", ", azsec.findingsById.Select(p => $"{p.Key} {p.Value}"))}.");
        }

        Directory.CreateDirectory(options.OutputDirectory);
        var fileName = $"src-{name}-results";
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, fileName + ".json"), JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals })).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, fileName + ".md"), md.ToString()).ConfigureAwait(false);
        log.WriteLine();
        log.WriteLine(md.ToString());
        return 0;
    }

    private static (double WallMs, double CpuMs) Measure(Action action)
    {
        Collect();
        var cpu = CpuClock.NowMs();
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        return (watch.Elapsed.TotalMilliseconds, CpuClock.NowMs() - cpu);
    }

    private static async Task<(double WallMs, double CpuMs)> MeasureAsync(Func<Task> action)
    {
        Collect();
        var cpu = CpuClock.NowMs();
        var watch = Stopwatch.StartNew();
        await action().ConfigureAwait(false);
        watch.Stop();
        return (watch.Elapsed.TotalMilliseconds, CpuClock.NowMs() - cpu);
    }

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
