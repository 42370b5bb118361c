using System.Collections.Concurrent;
using System.Globalization;
using Xunit.Abstractions;

namespace AzSecAnalyzers.Tests.Robustness;

/// <summary>
/// Analyzers never throw (an AD0001 breaks a user's build or IDE), whatever half-typed or hostile
/// code they meet, and neither do code fixes. CI runs a fixed seed; set AZSEC_ROBUSTNESS_MUTATIONS
/// (and optionally AZSEC_ROBUSTNESS_SEED) to run a long local campaign.
/// </summary>
[Trait("Category", "Robustness")]
public class RobustnessTests(ITestOutputHelper output)
{
    private const int DefaultMutations = 2_000;
    private const int DefaultSeed = 20_261_129;

    // Generous on purpose: this catches hangs and pathological blow-ups; speed itself is the benchmark's job.
    private static readonly TimeSpan PerCaseBudget = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task MutatedSources_NeverCrashAnAnalyzerOrFix()
    {
        var mutations = Setting("AZSEC_ROBUSTNESS_MUTATIONS", DefaultMutations);
        var seed = Setting("AZSEC_ROBUSTNESS_SEED", DefaultSeed);
        var seeds = SeedCorpus.Load();
        Assert.NotEmpty(seeds);

        var mutator = new Mutator(seed);
        var cases = new List<RobustnessCase>();
        foreach (var (name, text) in seeds)
        {
            cases.Add(RobustnessCase.Single(name, text));
        }

        for (var i = 0; cases.Count < seeds.Count + mutations; i++)
        {
            var (name, text) = seeds[i % seeds.Count];
            var (kind, mutated) = mutator.Mutate(text);
            cases.Add(RobustnessCase.Single($"{name} [{i}: {kind}]", mutated));
        }

        await RunAsync(cases);
    }

    [Fact]
    public async Task HostileDocuments_NeverCrashAnAnalyzerOrFix()
        => await RunAsync(HostileCases.All().ToList());

    private async Task RunAsync(IReadOnlyList<RobustnessCase> cases)
    {
        using var runner = new RobustnessRunner();
        var outcomes = new ConcurrentBag<CaseOutcome>();
        await Parallel.ForEachAsync(
            cases,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (robustnessCase, cancellationToken) => outcomes.Add(await runner.RunAsync(robustnessCase, applyFixes: true, cancellationToken)));

        var ordered = outcomes.OrderByDescending(o => o.Elapsed).ToList();
        output.WriteLine($"{ordered.Count} documents analyzed, {ordered.Sum(o => o.Diagnostics)} findings, {ordered.Sum(o => o.FixActions)} fix actions applied.");
        foreach (var slow in ordered.Take(5))
        {
            output.WriteLine($"  slowest: {slow.Elapsed.TotalMilliseconds:F0} ms  {slow.Case.Name}");
        }

        var failures = ordered.SelectMany(o => o.Failures.Select(f => $"{o.Case.Name}: {f}")).ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
        Assert.All(ordered, o => Assert.True(o.Elapsed < PerCaseBudget, $"{o.Case.Name} took {o.Elapsed}"));
    }

    private static int Setting(string name, int defaultValue)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : defaultValue;
}
