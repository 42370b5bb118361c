using System.Collections.Immutable;
using AzSecAnalyzers.Infrastructure.ConfigFiles;
using AzSecAnalyzers.Tests.Meta;
using AzSecAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Tests.Samples;

/// <summary>
/// Runs every analyzer of the package over the sample apps, in process and against the same real
/// references: InsecureApp must trigger every rule that is on by default, SecureApp none.
/// (Building the solution checks SecureApp again through MSBuild, where its findings are errors.)
/// </summary>
public class SampleAppTests
{
    [Fact]
    public async Task InsecureApp_TriggersEveryEnabledRule()
    {
        var diagnostics = await AnalyzeAsync("InsecureApp");
        var reported = diagnostics.Select(d => d.Id).ToHashSet();
        var missing = PackageCatalog.Descriptors.Where(d => d.IsEnabledByDefault && !reported.Contains(d.Id)).Select(d => d.Id).ToList();
        Assert.True(missing.Count == 0, "InsecureApp does not trigger: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task SecureApp_TriggersNothing()
    {
        var diagnostics = await AnalyzeAsync("SecureApp");
        Assert.Empty(diagnostics.Select(d => d.ToString()));
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string app)
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot, "samples", app);
        var trees = SourceFiles(folder, "*.cs")
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), TestSetup.ParseOptions, path))
            .ToList();
        Assert.NotEmpty(trees);

        var compilation = CSharpCompilation.Create(
            app,
            trees,
            // InsecureApp also references ADAL, a retired package (AZSEC205) that only this preset carries.
            TestReferences.WithRetiredSdks,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        // The in-process compilation must be faithful to the real build, or the assertion below means nothing.
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));

        // The package's buildTransitive targets add the configuration files as AdditionalFiles; do the same.
        var configurationFiles = SourceFiles(folder, "*")
            .Where(path => ConfigurationFiles.Classify(path) != ConfigurationFileKind.None)
            .Select(path => (AdditionalText)new FileText(path))
            .ToImmutableArray();

        var analyzers = PackageCatalog.CreateAnalyzers();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(configurationFiles),
            onAnalyzerException: null,
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        Assert.Empty(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
        return diagnostics;
    }

    private static IEnumerable<string> SourceFiles(string folder, string pattern)
        => Directory.GetFiles(folder, pattern, SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }
}
