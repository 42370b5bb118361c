using System.Reflection;
using System.Text.Json;
using AzSecAnalyzers.Tests.Packaging;
using AzSecAnalyzers.Tests.Verifiers;

namespace AzSecAnalyzers.Tests.Benchmarks;

/// <summary>
/// Runs the benchmark (tests/AzSecAnalyzers.Benchmarks) in its smoke mode: a tiny generated corpus,
/// one run, AzSecAnalyzers only. Nothing is asserted about time; only that the harness runs, the
/// corpus compiles, every analyzer of the assembly is picked up, and the code planted to trigger each
/// AzSecAnalyzers rule is reported. The benchmark hosts a newer Roslyn than these tests (to load the
/// peers), so it runs in its own process.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    private static readonly string BenchmarkAssembly = typeof(BenchmarkSmokeTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BenchmarkAssembly").Value!;

    [Fact]
    public void SmokeRun_CompilesCorpusAndReportsEveryPlantedAzSecRule()
    {
        Assert.True(File.Exists(BenchmarkAssembly), $"The benchmark is not built: {BenchmarkAssembly}");
        var output = Directory.CreateTempSubdirectory("azsec-benchmark-smoke-");
        try
        {
            var run = DotNetCli.Run(TestReferences.RepositoryRoot, TimeSpan.FromMinutes(3), BenchmarkAssembly, "--smoke", "--out", output.FullName);
            Assert.True(run.ExitCode == 0, run.ToString());

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.FullName, "results.json")));
            var root = json.RootElement;
            Assert.Equal("smoke", root.GetProperty("mode").GetString());

            var corpus = root.GetProperty("corpus");
            Assert.Equal(0, corpus.GetProperty("compilerErrors").GetInt32());
            Assert.True(corpus.GetProperty("generatedFiles").GetInt32() > 0);

            var planted = corpus.GetProperty("plantedAzSecRules").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            Assert.True(planted.GetValueOrDefault("AZSEC301") >= 1, "The generated corpus must plant code that triggers AZSEC301.");

            var azsec = root.GetProperty("sets").EnumerateArray().Single(set => set.GetProperty("name").GetString() == "AzSecAnalyzers");
            Assert.Empty(azsec.GetProperty("loadErrors").EnumerateArray());
            Assert.Empty(azsec.GetProperty("analyzerExceptions").EnumerateArray());
            Assert.Equal(Meta.PackageCatalog.AnalyzerTypes.Length, azsec.GetProperty("analyzerCount").GetInt32());

            var found = azsec.GetProperty("generatedFindingsById").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            foreach (var (ruleId, count) in planted)
            {
                Assert.True(found.GetValueOrDefault(ruleId) >= count, $"{ruleId}: planted {count}, reported {found.GetValueOrDefault(ruleId)}");
            }

            Assert.Empty(root.GetProperty("problems").EnumerateArray());
            Assert.Contains("| AzSecAnalyzers |", File.ReadAllText(Path.Combine(output.FullName, "results.md")), StringComparison.Ordinal);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void TaintSmokeRun_AnalysesTheGeneratedActionsAndFindsEveryPlantedSsrf()
    {
        Assert.True(File.Exists(BenchmarkAssembly), $"The benchmark is not built: {BenchmarkAssembly}");
        var output = Directory.CreateTempSubdirectory("azsec-benchmark-taint-smoke-");
        try
        {
            var run = DotNetCli.Run(TestReferences.RepositoryRoot, TimeSpan.FromMinutes(3), BenchmarkAssembly, "--smoke", "--taint", "--out", output.FullName);
            Assert.True(run.ExitCode == 0, run.ToString());

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.FullName, "taint-results.json")));
            var root = json.RootElement;
            Assert.Equal("taint-smoke", root.GetProperty("mode").GetString());
            Assert.True(root.GetProperty("methods").GetInt32() > 0);
            Assert.True(root.GetProperty("bigMethods").GetInt32() > 0);
            Assert.Contains("AZSEC406", root.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));
            Assert.True(root.GetProperty("engineFunctionsAnalyzed").GetInt32() > 0);
            var planted = root.GetProperty("plantedAzsec406").GetInt32();
            Assert.True(planted > 0);
            Assert.Equal(planted, root.GetProperty("findingsById").GetProperty("AZSEC406").GetInt32());
            Assert.Empty(root.GetProperty("analyzerExceptions").EnumerateArray());
            Assert.Empty(root.GetProperty("problems").EnumerateArray());
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
