using System.Collections.Immutable;
using AzSecAnalyzers.Benchmarks.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Benchmarks.Analysis;

/// <summary>
/// The code every set is measured on: the repository's samples plus the generated corpus, referencing
/// the real assemblies this program was restored with (the .NET and ASP.NET Core shared frameworks,
/// the Azure SDK, Cosmos DB, SqlClient, EF Core, ...), parsed once and shared by every run.
/// </summary>
internal sealed class Workload
{
    // Assemblies in this process that no application would reference.
    private static readonly string[] ExcludedPrefixes = ["AzSecAnalyzers", "Microsoft.CodeAnalysis"];

    private Workload(GeneratedCorpus corpus, ImmutableArray<CorpusFile> files, int sampleFileCount)
    {
        Corpus = corpus;
        Files = files;
        SampleFileCount = sampleFileCount;
        Trees = files.Select(Parse).ToImmutableArray();
        References = LoadReferences();
        LineCount = files.Sum(file => GeneratedCorpus.CountLines(file.Text));
    }

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12, DocumentationMode.None);

    /// <summary>The .NET SDK's default NoWarn: assembly-version unification notes (CS1701, CS1702).</summary>
    private static readonly ImmutableDictionary<string, ReportDiagnostic> SdkNoWarn = ImmutableDictionary.CreateRange(
        StringComparer.Ordinal,
        [
            KeyValuePair.Create("CS1701", ReportDiagnostic.Suppress),
            KeyValuePair.Create("CS1702", ReportDiagnostic.Suppress),
        ]);

    /// <summary>Single-threaded, like the analysis runs, so times are CPU cost on a shared machine.</summary>
    public static CSharpCompilationOptions CompilationOptions { get; } = new CSharpCompilationOptions(
        OutputKind.ConsoleApplication,
        optimizationLevel: OptimizationLevel.Release,
        nullableContextOptions: NullableContextOptions.Enable,
        concurrentBuild: false,
        deterministic: true).WithSpecificDiagnosticOptions(SdkNoWarn);

    public GeneratedCorpus Corpus { get; }

    public ImmutableArray<CorpusFile> Files { get; }

    public ImmutableArray<SyntaxTree> Trees { get; }

    public ImmutableArray<MetadataReference> References { get; }

    public int SampleFileCount { get; }

    public int LineCount { get; }

    public static Workload Create(int generatedFiles, int seed, bool includeSamples)
    {
        var corpus = CorpusGenerator.Generate(generatedFiles, seed);
        var samples = includeSamples ? LoadSamples() : [];
        return new Workload(corpus, [.. samples, .. corpus.Files], samples.Count);
    }

    public CSharpCompilation CreateCompilation(ImmutableDictionary<string, ReportDiagnostic>? diagnosticOptions = null)
        => CSharpCompilation.Create(
            "Contoso.Commerce",
            Trees,
            References,
            diagnosticOptions is null ? CompilationOptions : CompilationOptions.WithSpecificDiagnosticOptions(SdkNoWarn.SetItems(diagnosticOptions)));

    /// <summary>The compiler alone, as csc does it: parse every file, bind, emit the assembly and its PDB.</summary>
    public EmitSummary ParseAndEmit()
    {
        var trees = Files.Select(Parse).ToImmutableArray();
        var compilation = CSharpCompilation.Create("Contoso.Commerce", trees, References, CompilationOptions);
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = compilation.Emit(pe, pdb, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(debugInformationFormat: Microsoft.CodeAnalysis.Emit.DebugInformationFormat.PortablePdb));
        return new EmitSummary(result.Success, pe.Length, result.Diagnostics);
    }

    private static SyntaxTree Parse(CorpusFile file)
        => CSharpSyntaxTree.ParseText(SourceText.From(file.Text, System.Text.Encoding.UTF8), ParseOptions, file.Path);

    /// <summary>
    /// The sample apps' sources. Both are top-level-statement programs; one compilation can hold only one
    /// such file, so SecureApp's Program.cs is left out (its other files, in their own namespace, stay in).
    /// </summary>
    private static List<CorpusFile> LoadSamples()
    {
        var root = Path.Combine(AnalyzerSets.RepositoryRoot, "samples");
        var separator = Path.DirectorySeparatorChar;
        return Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{separator}obj{separator}", StringComparison.Ordinal)
                           && !path.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .Where(path => !path.EndsWith($"SecureApp{separator}Program.cs", StringComparison.Ordinal)
                           || path.EndsWith($"InsecureApp{separator}Program.cs", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => new CorpusFile("samples/" + Path.GetRelativePath(root, path).Replace(separator, '/'), File.ReadAllText(path)))
            .ToList();
    }

    internal static ImmutableArray<MetadataReference> LoadReferences()
    {
        var trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Where(path => !ExcludedPrefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>What the baseline emit produced.</summary>
internal sealed record EmitSummary(bool Success, long AssemblyBytes, ImmutableArray<Diagnostic> Diagnostics);
