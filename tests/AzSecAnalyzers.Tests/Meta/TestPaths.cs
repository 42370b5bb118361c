using AzSecAnalyzers.Tests.Verifiers;

namespace AzSecAnalyzers.Tests.Meta;

internal static class TestPaths
{
    public static string RepositoryRoot => TestReferences.RepositoryRoot;

    public static string RulePage(string id) => Path.Combine(RepositoryRoot, "docs", "rules", id + ".md");

    public static string Readme => Path.Combine(RepositoryRoot, "README.md");

    public static IEnumerable<string> ReleaseFiles => new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
        .Select(name => Path.Combine(RepositoryRoot, "src", "AzSecAnalyzers", name));
}
