using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AzSecAnalyzers.Benchmarks.Reporting;

/// <summary>The benchmark's results, written as JSON and rendered as a Markdown table.</summary>
internal sealed record BenchmarkReport
{
    public required string GeneratedAtUtc { get; init; }

    public required string Mode { get; init; }

    public required MachineInfo Machine { get; init; }

    public required CorpusInfo Corpus { get; init; }

    public required SettingsInfo Settings { get; init; }

    public required BaselineResult Baseline { get; init; }

    public required IReadOnlyList<SetResult> Sets { get; init; }

    public required IReadOnlyList<GoalResult> Goals { get; init; }

    /// <summary>Problems that make the numbers meaningless (a set that did not load or found nothing, compiler errors, a planted AzSec trigger not found).</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static BenchmarkReport FromJson(string json) => JsonSerializer.Deserialize<BenchmarkReport>(json, JsonOptions)!;

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"Corpus: {Corpus.GeneratedFiles:N0} generated files + {Corpus.SampleFiles} sample files, {Corpus.Lines:N0} lines (seed {Corpus.Seed}), {Corpus.CompilerErrors} compiler errors. ");
        md.AppendLine(inv, $"Baseline compile (parse + bind + emit, single-threaded): **{Baseline.CompileMsMedian:N0} ms**, {Baseline.AllocatedMbMedian:N0} MB allocated; its own per-method latency p50 {Baseline.LatencyP50Ms:N1} ms / p95 {Baseline.LatencyP95Ms:N1} ms. ");
        md.AppendLine(inv, $"Medians of {Settings.Iterations} runs after {Settings.Warmup} warm-up; latency over {Settings.LatencyDocuments} documents. {Machine.Note}");
        md.AppendLine();
        md.AppendLine("| Analyzer set | Rules | Analyzer time (ms) | vs. baseline compile | vs. AzSecAnalyzers | Analysis wall (ms) | Allocated (MB) | Findings | Doc p50 / p95 (ms) | Added p50 / p95 (ms) |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var set in Sets)
        {
            md.AppendLine(inv, $"| {set.Name} | {set.RuleCount} | {set.AnalyzerMsMedian:N0} | {Percent(set.AnalyzerToBaseline)} | {Times(set.AnalyzerToAzSec)} | {set.WallMsMedian:N0} | {set.AllocatedMbMedian:N0} | {set.Findings:N0} | {set.LatencyP50Ms:N1} / {set.LatencyP95Ms:N1} | {set.AddedLatencyP50Ms:N1} / {set.AddedLatencyP95Ms:N1} |");
        }

        md.AppendLine();
        md.AppendLine("| Goal | Measured | Met |");
        md.AppendLine("|---|---|---|");
        foreach (var goal in Goals)
        {
            md.AppendLine(inv, $"| {goal.Goal} | {goal.Measured} | {(goal.Met ? "yes" : "**no**")} |");
        }

        if (Problems.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Problems:");
            foreach (var problem in Problems)
            {
                md.AppendLine(inv, $"- {problem}");
            }
        }

        if (Sets.Any(set => set.StartOnlyLatencyP95Ms is not null))
        {
            md.AppendLine();
            md.AppendLine("Per-document latency split (`--profile`): total = a method's span; setup = a code-free span of the same document (compilation-start work only); callbacks = time inside the set's own code (Roslyn telemetry):");
            md.AppendLine();
            md.AppendLine("| Analyzer set | Total p50 / p95 (ms) | Setup p50 / p95 (ms) | Callbacks, method p50 / p95 (ms) | Callbacks, setup only p50 / p95 (ms) |");
            md.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var set in Sets)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {set.Name} | {set.LatencyP50Ms:N1} / {set.LatencyP95Ms:N1} | {set.StartOnlyLatencyP50Ms:N1} / {set.StartOnlyLatencyP95Ms:N1} | {set.CallbackLatencyP50Ms:N2} / {set.CallbackLatencyP95Ms:N2} | {set.StartOnlyCallbackP50Ms:N2} / {set.StartOnlyCallbackP95Ms:N2} |");
            }
        }

        var exceptions = Sets.Where(set => set.AnalyzerExceptions.Count > 0).ToList();
        if (exceptions.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Analyzer exceptions (the set still ran; its other analyzers reported):");
            foreach (var set in exceptions)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {set.Name}: {set.AnalyzerExceptions[0]}");
            }
        }

        md.AppendLine();
        md.AppendLine("Costliest analyzers per set (median ms, Roslyn telemetry):");
        md.AppendLine();
        foreach (var set in Sets)
        {
            var top = set.CostliestAnalyzers.Take(3).Select(cost => string.Create(inv, $"`{ShortName(cost.Analyzer)}` {cost.MedianMs:N0}"));
            md.AppendLine(inv, $"- {set.Name}: {string.Join(", ", top)}");
        }

        return md.ToString();

        static string Percent(double ratio) => double.IsFinite(ratio) ? string.Create(CultureInfo.InvariantCulture, $"{ratio * 100:N1}%") : "n/a";

        static string Times(double ratio) => double.IsFinite(ratio) ? string.Create(CultureInfo.InvariantCulture, $"{ratio:N1}×") : "n/a";

        static string ShortName(string fullName) => fullName[(fullName.LastIndexOf('.') + 1)..];
    }
}

internal sealed record MachineInfo(int ProcessorCount, string Os, string Runtime, string Roslyn, string Note);

internal sealed record CorpusInfo(
    int GeneratedFiles,
    int SampleFiles,
    int Lines,
    int Seed,
    int CompilerErrors,
    int CompilerWarnings,
    IReadOnlyDictionary<string, int> CompilerWarningsById,
    IReadOnlyList<string> FirstCompilerErrors,
    IReadOnlyDictionary<string, int> PlantedTriggers,
    IReadOnlyDictionary<string, int> PlantedAzSecRules);

internal sealed record SettingsInfo(int Iterations, int Warmup, int LatencyDocuments, bool ConcurrentAnalysis, IReadOnlyList<string> Sets);

internal sealed record BaselineResult(double CompileMsMedian, double AllocatedMbMedian, IReadOnlyList<double> CompileMs, double LatencyP50Ms, double LatencyP95Ms);

internal sealed record SetResult
{
    public required string Name { get; init; }

    public required string Package { get; init; }

    public required string Selection { get; init; }

    public required int AnalyzerCount { get; init; }

    public required int RuleCount { get; init; }

    public required IReadOnlyList<string> LoadErrors { get; init; }

    public required double AnalyzerMsMedian { get; init; }

    public required double WallMsMedian { get; init; }

    public required double AllocatedMbMedian { get; init; }

    public required IReadOnlyList<double> AnalyzerMs { get; init; }

    public required IReadOnlyList<double> WallMs { get; init; }

    public required double AnalyzerToBaseline { get; init; }

    public required double WallToBaseline { get; init; }

    public required double AnalyzerToAzSec { get; init; }

    public required int Findings { get; init; }

    public required IReadOnlyDictionary<string, int> FindingsById { get; init; }

    public required IReadOnlyDictionary<string, int> GeneratedFindingsById { get; init; }

    public required IReadOnlyList<string> AnalyzerExceptions { get; init; }

    public required double LatencyP50Ms { get; init; }

    public required double LatencyP95Ms { get; init; }

    public required double LatencyMaxMs { get; init; }

    /// <summary>Per document, the set's latency minus the compiler's own for the same method: what the analyzers add.</summary>
    public required double AddedLatencyP50Ms { get; init; }

    public required double AddedLatencyP95Ms { get; init; }

    /// <summary>Per document, the set's CPU time minus the compiler's own for the same method (load-independent).</summary>
    public double? AddedCpuLatencyP50Ms { get; init; }

    public double? AddedCpuLatencyP95Ms { get; init; }

    /// <summary>Per document, the time inside the set's own callbacks (telemetry); the rest is driver work and binding.</summary>
    public required double CallbackLatencyP50Ms { get; init; }

    public required double CallbackLatencyP95Ms { get; init; }

    /// <summary>With --profile: a code-free span of the same documents (compilation-start work only).</summary>
    public double? StartOnlyLatencyP50Ms { get; init; }

    public double? StartOnlyLatencyP95Ms { get; init; }

    public double? StartOnlyCallbackP50Ms { get; init; }

    public double? StartOnlyCallbackP95Ms { get; init; }

    public required IReadOnlyList<CostInfo> CostliestAnalyzers { get; init; }
}

internal sealed record CostInfo(string Analyzer, double MedianMs, int OperationActions, int SyntaxNodeActions, int SymbolActions, int CompilationStartActions, int OperationBlockActions, int SemanticModelActions, int SyntaxTreeActions);

internal sealed record GoalResult(string Goal, string Measured, bool Met);
