using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using AzSecAnalyzers.Benchmarks.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AzSecAnalyzers.Benchmarks;

/// <summary>
/// <c>--taint</c>: the taint engine's cost on a generated set of ASP.NET Core actions (loops, branches, helper calls,
/// StringBuilder, allow-list checks; some methods of 1,000+ statements), measured for the taint rules present
/// (AZSEC406 and, once merged, AZSEC404/405/410/105) through Roslyn's per-analyzer telemetry, against binding alone.
/// Writes taint-results.json and taint-results.md.
/// </summary>
internal static class TaintBenchmark
{
    public const string ResultsJson = "taint-results.json";
    public const string ResultsMarkdown = "taint-results.md";

    private static readonly string[] TaintRuleIds = ["AZSEC105", "AZSEC404", "AZSEC405", "AZSEC406", "AZSEC410", "AZSEC415"];

    public static async Task<int> RunAsync(BenchmarkOptions options, TextWriter log)
    {
        var inv = CultureInfo.InvariantCulture;
        var methods = options.Smoke ? 60 : options.TaintMethods;
        var bigEvery = options.Smoke ? 30 : 50;
        var corpus = Generate(methods, bigEvery, options.BigStatements, out var planted, out var bigMethods, out var lines);
        log.WriteLine(string.Create(inv, $"Taint corpus: {methods} methods ({bigMethods} of {options.BigStatements}+ statements), {lines:N0} lines, {planted} planted AZSEC406 findings"));

        var all = AnalyzerSets.Load(AnalyzerSets.AzSec);
        var analyzers = all.Analyzers.Where(a => a.SupportedDiagnostics.Any(d => TaintRuleIds.Contains(d.Id))).ToImmutableArray();
        var ruleIds = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        log.WriteLine($"Taint analyzers: {string.Join(", ", analyzers.Select(a => a.GetType().Name))} ({string.Join(' ', ruleIds)})");
        var problems = new List<string>();
        if (analyzers.IsEmpty)
        {
            problems.Add("no taint analyzer loaded");
        }

        var references = Workload.Create(0, 1, includeSamples: false).References;
        var trees = corpus.Select((text, i) => CSharpSyntaxTree.ParseText(text, Workload.ParseOptions, $"taint/File{i}.cs")).ToImmutableArray();
        CSharpCompilation Compile() => CSharpCompilation.Create("Taint.Bench", trees, references, Workload.CompilationOptions.WithOutputKind(OutputKind.DynamicallyLinkedLibrary));

        var errors = Compile().GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (var error in errors.Take(5))
        {
            log.WriteLine("  " + error);
        }

        if (errors.Count > 0)
        {
            problems.Add($"the taint corpus has {errors.Count} compiler errors");
        }

        var engine = analyzers.IsEmpty ? null : analyzers[0].GetType().Assembly.GetType("AzSecAnalyzers.Infrastructure.Taint.TaintEngine");
        int Counter(string name) => engine?.GetField(name, BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(null) is int value ? value : -1;
        double EngineMs() => engine?.GetField("ElapsedTicks", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(null) is long ticks ? ticks * 1000.0 / Stopwatch.Frequency : -1;
        var engineMs = new List<double>();

        var iterations = options.Smoke ? 1 : options.Iterations;
        var warmup = options.Smoke ? 0 : 1;
        var bindMs = new List<double>();
        var wallMs = new List<double>();
        var analyzerMs = new List<double>();
        var allocated = new List<long>();
        var perAnalyzer = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var findings = new Dictionary<string, int>(StringComparer.Ordinal);
        var exceptions = new List<string>();
        int analyzedBefore = 0, skippedBefore = 0, analyzed = 0, skipped = 0;
        for (var iteration = -warmup; iteration < iterations; iteration++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var bind = Stopwatch.StartNew();
            _ = Compile().GetDiagnostics();
            bind.Stop();

            var compilation = Compile().WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]),
                (exception, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"); } },
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            analyzedBefore = Counter("AnalyzedFunctions");
            skippedBefore = Counter("SkippedFunctions");
            var engineBefore = EngineMs();
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var result = await compilation.GetAnalysisResultAsync(CancellationToken.None).ConfigureAwait(false);
            watch.Stop();
            var bytesAllocated = GC.GetTotalAllocatedBytes(precise: true) - bytes;
            var inEngine = EngineMs() - engineBefore;
            analyzed = Counter("AnalyzedFunctions") - analyzedBefore;
            skipped = Counter("SkippedFunctions") - skippedBefore;
            var label = iteration < 0 ? "warm-up" : $"run {iteration + 1}/{iterations}";
            var callbacks = result.AnalyzerTelemetryInfo.Values.Sum(t => t.ExecutionTime.TotalMilliseconds);
            log.WriteLine(string.Create(inv, $"{label}: bind {bind.Elapsed.TotalMilliseconds:N0} ms; with taint analyzers wall {watch.Elapsed.TotalMilliseconds:N0} ms, in analyzers {callbacks:N0} ms (data-flow {inEngine:N0} ms, the rest graphs, sink finding and the driver), {bytesAllocated / 1e6:N0} MB; engine runs {analyzed} (skipped {skipped})"));
            if (iteration < 0)
            {
                continue;
            }

            bindMs.Add(bind.Elapsed.TotalMilliseconds);
            wallMs.Add(watch.Elapsed.TotalMilliseconds);
            analyzerMs.Add(callbacks);
            engineMs.Add(inEngine);
            allocated.Add(bytesAllocated);
            foreach (var (analyzer, info) in result.AnalyzerTelemetryInfo)
            {
                var name = analyzer.GetType().Name;
                (perAnalyzer.TryGetValue(name, out var list) ? list : perAnalyzer[name] = []).Add(info.ExecutionTime.TotalMilliseconds);
            }

            findings = result.GetAllDiagnostics().GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }

        var found406 = findings.GetValueOrDefault("AZSEC406");
        if (analyzers.Any(a => a.SupportedDiagnostics.Any(d => d.Id == "AZSEC406")) && found406 != planted)
        {
            problems.Add($"AZSEC406: planted {planted}, reported {found406}");
        }

        problems.AddRange(exceptions.Distinct().Take(10));
        var medianAnalyzer = BenchmarkRunner.Percentile(analyzerMs, 50);
        var report = new
        {
            mode = options.Smoke ? "taint-smoke" : "taint",
            methods,
            bigMethods,
            bigStatements = options.BigStatements,
            lines,
            plantedAzsec406 = planted,
            rules = ruleIds,
            analyzers = perAnalyzer.ToDictionary(p => p.Key, p => Math.Round(BenchmarkRunner.Percentile(p.Value, 50), 1)),
            medianBindMs = Math.Round(BenchmarkRunner.Percentile(bindMs, 50), 1),
            medianWallMs = Math.Round(BenchmarkRunner.Percentile(wallMs, 50), 1),
            medianAnalyzerMs = Math.Round(medianAnalyzer, 1),
            medianDataFlowMs = Math.Round(BenchmarkRunner.Percentile(engineMs, 50), 1),
            analyzerMsPerMethod = Math.Round(medianAnalyzer / Math.Max(1, methods), 4),
            medianAllocatedMB = Math.Round(BenchmarkRunner.Percentile(allocated.Select(b => b / 1e6).ToList(), 50), 1),
            engineFunctionsAnalyzed = analyzed,
            engineFunctionsSkipped = skipped,
            findingsById = findings,
            analyzerExceptions = exceptions.Distinct().Take(10).ToList(),
            problems,
        };

        Directory.CreateDirectory(options.OutputDirectory);
        var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, ResultsJson), json).ConfigureAwait(false);
        var markdown = new StringBuilder()
            .AppendLine("| Methods | Big methods | Lines | Bind (median) | Wall with taint analyzers | In taint analyzers | of which data-flow | Per method | Allocated | Engine runs (skipped) | AZSEC406 found/planted |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|---|---|")
            .AppendLine(string.Create(inv, $"| {methods} | {bigMethods} × {options.BigStatements}+ stmts | {lines:N0} | {report.medianBindMs:N0} ms | {report.medianWallMs:N0} ms | {report.medianAnalyzerMs:N0} ms | {report.medianDataFlowMs:N0} ms | {report.analyzerMsPerMethod * 1000:N0} µs | {report.medianAllocatedMB:N0} MB | {analyzed} ({skipped}) | {found406}/{planted} |"))
            .AppendLine()
            .AppendLine("Per analyzer (median ms): " + string.Join(", ", report.analyzers.Select(p => string.Create(inv, $"{p.Key} {p.Value:N1}"))))
            .ToString();
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, ResultsMarkdown), markdown).ConfigureAwait(false);
        log.WriteLine();
        log.WriteLine(markdown);
        foreach (var problem in problems)
        {
            log.WriteLine("problem: " + problem);
        }

        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Controllers of 25 actions each. Every sixth action kind: (0) request URL to GetAsync — planted; (1) id after a constant
    /// host; (2) a StringBuilder host built in a loop — planted; (3) an allow-list early return; (4) a helper that pins the host;
    /// (5) string work without a sink. Every <paramref name="bigEvery"/>-th action is a big one: <paramref name="bigStatements"/>
    /// statements of locals, branches and concatenations ending in a pinned (silent) request.
    /// </summary>
    private static List<string> Generate(int methods, int bigEvery, int bigStatements, out int planted, out int bigMethods, out int lines)
    {
        const int PerFile = 25;
        var files = new List<string>();
        planted = 0;
        bigMethods = 0;
        var text = new StringBuilder();
        for (var m = 0; m < methods; m++)
        {
            if (m % PerFile == 0)
            {
                if (m > 0)
                {
                    files.Add(text.Append("}\n").ToString());
                }

                text.Clear().Append($$"""
                    using System;
                    using System.Collections.Generic;
                    using System.Net.Http;
                    using System.Text;
                    using System.Threading.Tasks;
                    using Microsoft.AspNetCore.Mvc;

                    namespace Taint.Bench;

                    [ApiController, Route("api/t{{m / PerFile}}")]
                    public class T{{m / PerFile}}Controller(HttpClient client) : ControllerBase
                    {
                        private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase) { "api.contoso.com" };
                        private static string Pin(string s) => "https://api.contoso.com/items/" + Escape(s);
                        private static string Escape(string s) => s.Replace("/", "-").Trim();

                    """);
            }

            text.Append($"    [HttpGet(\"m{m}\")]\n    public async Task<IActionResult> M{m}(string url, string id, int page)\n    {{\n");
            if (m % bigEvery == bigEvery - 1)
            {
                bigMethods++;
                text.Append("        var acc = \"https://api.contoso.com/big/\";\n        var sb = new StringBuilder();\n");
                for (var s = 0; s < bigStatements; s++)
                {
                    switch (s % 5)
                    {
                        case 0: text.Append($"        var v{s} = id + \"{s}\";\n"); break;
                        case 1: text.Append($"        if (page > {s}) {{ acc = acc + v{s - 1}; }}\n"); break;
                        case 2: text.Append($"        sb.Append(v{s - 2}).Append('{s % 10}');\n"); break;
                        case 3: text.Append($"        for (var k{s} = 0; k{s} < page % 3; k{s}++) {{ acc += k{s}; }}\n"); break;
                        default: text.Append($"        if (Allowed.Contains(v{s - 4})) {{ acc = Pin(v{s - 4}); }} else {{ acc = acc + \"/\" + page; }}\n"); break;
                    }
                }

                text.Append("        await client.GetAsync(acc + sb.ToString());\n");
            }
            else
            {
                switch (m % 6)
                {
                    case 0:
                        planted++;
                        text.Append("        var target = url.Trim();\n        if (page > 2) { target = target + \"?page=\" + page; }\n        await client.GetAsync(target);\n");
                        break;
                    case 1:
                        text.Append("        await client.GetAsync(\"https://api.contoso.com/items/\" + id);\n");
                        break;
                    case 2:
                        planted++;
                        text.Append("        var sb = new StringBuilder(\"https://\");\n        for (var k = 0; k < page; k++) { if (k % 2 == 0) { sb.Append(id); } else { sb.Append('-'); } }\n        await client.GetAsync(sb.ToString());\n");
                        break;
                    case 3:
                        text.Append("        var uri = new Uri(url);\n        if (!Allowed.Contains(uri.Host)) { return BadRequest(); }\n        await client.GetAsync(uri);\n");
                        break;
                    case 4:
                        text.Append("        var list = new List<string> { id };\n        foreach (var item in list) { await client.GetAsync(Pin(item)); }\n");
                        break;
                    default:
                        text.Append("        var words = url.Split('/');\n        var joined = string.Join(\",\", words);\n        if (joined.Length > page) { id = joined; }\n");
                        break;
                }
            }

            text.Append("        return Ok();\n    }\n\n");
        }

        files.Add(text.Append("}\n").ToString());
        lines = files.Sum(f => f.Count(c => c == '\n'));
        return files;
    }
}
