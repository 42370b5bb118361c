using System.Globalization;

namespace AzSecAnalyzers.Benchmarks;

/// <summary>Command-line options; <c>--help</c> prints them.</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = """
        AzSecAnalyzers.Benchmarks: analyzer cost per compilation against the peers, and IDE latency.

          --files N            generated files (default 2000, about 170k lines)
          --seed N             corpus seed (default 20261129)
          --iterations N       timed runs per set; medians are reported (default 5; 0: latency only)
          --warmup N           untimed runs per set first (default 1)
          --latency-docs N     documents for the single-document latency (default 200)
          --sets a,b           sets to run (default all: AzSecAnalyzers,SecurityCodeScan,SonarAnalyzer,NetAnalyzers,DriverFloor);
                               AzSecAnalyzers=PATH adds another build of the package (AzSecAnalyzers-other), e.g. the
                               one before a change, measured in the same run
          --no-samples         leave the repository's samples out of the corpus
          --out DIR            where results.md and results.json go (default artifacts/benchmarks)
          --smoke              a CPU-cheap run that checks the harness, not the times: 12 files,
                               1 run, no warm-up, 2 latency documents, AzSecAnalyzers only
                               (add --sets to include peers)
          --list-rules         print the rules each set selects, then exit
          --taint              the taint engine's cost instead: a generated set of actions (loops, branches,
                               helpers, StringBuilder, some 1,000+ statement methods) under the taint rules
                               (AZSEC406, and 404/405/410/105 when present); writes taint-results.md/json
          --taint-methods N    generated actions for --taint (default 2000; --smoke: 60)
          --big-statements N   statements in each big --taint method (default 1000)
          --src DIR            real code instead of the generated corpus: the .cs files of an application kept
                               outside the repository, one compilation per .csproj under DIR (see README);
                               compiler alone vs every set, per-analyzer times; writes src-NAME-results.md/json
          --src-name NAME      the application's name in the report (default: DIR's name)
          --profile            also time each document with a code-free span (the namespace name),
                               so only compilation-start work runs: splits latency into per-keystroke
                               setup and per-method analysis
        """;

    public int Files { get; init; } = 2000;

    public int Seed { get; init; } = 20261129;

    public int Iterations { get; init; } = 5;

    public int Warmup { get; init; } = 1;

    public int LatencyDocuments { get; init; } = 200;

    public IReadOnlyList<string> Sets { get; init; } = Analysis.AnalyzerSets.Names;

    public bool IncludeSamples { get; init; } = true;

    public string OutputDirectory { get; init; } = Path.Combine(Analysis.AnalyzerSets.RepositoryRoot, "artifacts", "benchmarks");

    public bool Smoke { get; init; }

    public bool ListRules { get; init; }

    public bool Profile { get; init; }

    public bool Help { get; init; }

    public bool Taint { get; init; }

    public int TaintMethods { get; init; } = 2000;

    public int BigStatements { get; init; } = 1000;

    public string? SourceDirectory { get; init; }

    public string? SourceName { get; init; }

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        if (args.Contains("--smoke"))
        {
            options = options with { Smoke = true, Files = 12, Iterations = 1, Warmup = 0, LatencyDocuments = 2, Sets = [Analysis.AnalyzerSets.AzSec] };
        }

        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);

            options = args[i] switch
            {
                "--files" => options with { Files = NextInt() },
                "--seed" => options with { Seed = NextInt() },
                "--iterations" => options with { Iterations = Math.Max(0, NextInt()) },
                "--warmup" => options with { Warmup = Math.Max(0, NextInt()) },
                "--latency-docs" => options with { LatencyDocuments = Math.Max(0, NextInt()) },
                "--sets" => options with { Sets = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--no-samples" => options with { IncludeSamples = false },
                "--out" => options with { OutputDirectory = Path.GetFullPath(Next()) },
                "--smoke" => options,
                "--list-rules" => options with { ListRules = true },
                "--profile" => options with { Profile = true },
                "--taint" => options with { Taint = true },
                "--taint-methods" => options with { TaintMethods = Math.Max(1, NextInt()) },
                "--big-statements" => options with { BigStatements = Math.Max(10, NextInt()) },
                "--src" => options with { SourceDirectory = Path.GetFullPath(Next()) },
                "--src-name" => options with { SourceName = Next() },
                "--help" or "-h" => options with { Help = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}"),
            };
        }

        return options;
    }
}
