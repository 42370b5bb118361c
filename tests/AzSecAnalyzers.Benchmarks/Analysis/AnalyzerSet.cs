using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AzSecAnalyzers.Benchmarks.Analysis;

/// <summary>
/// One analyzer product as a user would install it, restricted to its security rules: the analyzers
/// that report at least one selected rule, with exactly the selected rules enabled (as warnings) and
/// every other rule of those analyzers suppressed, through the compilation's specific diagnostic options.
/// </summary>
internal sealed class AnalyzerSet
{
    private AnalyzerSet(
        string name,
        string package,
        string selection,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        ImmutableDictionary<string, ReportDiagnostic> diagnosticOptions,
        ImmutableArray<AdditionalText> additionalFiles,
        IReadOnlyList<string> loadErrors)
    {
        Name = name;
        Package = package;
        Selection = selection;
        Analyzers = analyzers;
        DiagnosticOptions = diagnosticOptions;
        AdditionalFiles = additionalFiles;
        LoadErrors = loadErrors;
        RuleIds = diagnosticOptions.Where(pair => pair.Value != ReportDiagnostic.Suppress).Select(pair => pair.Key).OrderBy(id => id, StringComparer.Ordinal).ToImmutableArray();
    }

    public string Name { get; }

    public string Package { get; }

    /// <summary>How the rules were chosen, for the report.</summary>
    public string Selection { get; }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public ImmutableDictionary<string, ReportDiagnostic> DiagnosticOptions { get; }

    public ImmutableArray<AdditionalText> AdditionalFiles { get; }

    public ImmutableArray<string> RuleIds { get; }

    public IReadOnlyList<string> LoadErrors { get; }

    /// <summary>For --list-rules: how many analyzers the package had before selection, and its descriptors' custom tags.</summary>
    [ThreadStatic]
    private static List<string>? TagCensus;

    [ThreadStatic]
    private static int LoadedAnalyzerCount;

    public string Census => $"{LoadedAnalyzerCount} analyzers loaded; tags {string.Join(' ', TagCensus ?? [])}";

    private static IEnumerable<DiagnosticDescriptor> SafeDescriptors(DiagnosticAnalyzer analyzer)
    {
        try
        {
            return analyzer.SupportedDiagnostics;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return [];
        }
    }

    public AnalyzerOptions CreateOptions() => new(AdditionalFiles);

    /// <summary>A set made of analyzers this process already has (the driver-floor control).</summary>
    public static AnalyzerSet FromAnalyzers(string name, string package, string selection, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var options = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct()
            .ToImmutableDictionary(id => id, _ => ReportDiagnostic.Warn, StringComparer.Ordinal);
        return new AnalyzerSet(name, package, selection, analyzers, options, ImmutableArray<AdditionalText>.Empty, []);
    }

    /// <summary>
    /// Loads the analyzers of <paramref name="assemblyPaths"/> through an <see cref="AnalyzerFileReference"/>
    /// and keeps the rules <paramref name="isSelected"/> accepts.
    /// </summary>
    public static AnalyzerSet Load(
        string name,
        string package,
        string selection,
        IReadOnlyList<string> assemblyPaths,
        Func<DiagnosticAnalyzer, DiagnosticDescriptor, bool> isSelected,
        Func<IReadOnlyCollection<string>, ImmutableArray<AdditionalText>>? additionalFiles = null)
    {
        var loader = new IsolatedAnalyzerLoader(name);
        foreach (var path in assemblyPaths)
        {
            loader.AddDependencyLocation(path);
        }

        var errors = new List<string>();
        var analyzers = new List<DiagnosticAnalyzer>();
        foreach (var path in assemblyPaths)
        {
            if (!File.Exists(path))
            {
                errors.Add($"missing: {path} (run dotnet restore)");
                continue;
            }

            var reference = new AnalyzerFileReference(path, loader);
            reference.AnalyzerLoadFailed += (_, e) => errors.Add($"{Path.GetFileName(path)}: {e.ErrorCode} {e.TypeName} {e.Message}");
            analyzers.AddRange(reference.GetAnalyzers(Microsoft.CodeAnalysis.LanguageNames.CSharp));
        }

        var options = ImmutableDictionary.CreateBuilder<string, ReportDiagnostic>(StringComparer.Ordinal);
        var selected = new List<DiagnosticAnalyzer>();
        foreach (var analyzer in analyzers)
        {
            ImmutableArray<DiagnosticDescriptor> descriptors;
            try
            {
                descriptors = analyzer.SupportedDiagnostics;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                errors.Add($"{analyzer.GetType().FullName}: SupportedDiagnostics threw {ex.GetType().Name}");
                continue;
            }

            var any = false;
            foreach (var descriptor in descriptors)
            {
                if (isSelected(analyzer, descriptor))
                {
                    options[descriptor.Id] = ReportDiagnostic.Warn;
                    any = true;
                }
                else if (!options.ContainsKey(descriptor.Id))
                {
                    options[descriptor.Id] = ReportDiagnostic.Suppress;
                }
            }

            if (any)
            {
                selected.Add(analyzer);
            }
        }

        TagCensus = analyzers.SelectMany(SafeDescriptors).SelectMany(d => d.CustomTags).GroupBy(t => t, StringComparer.Ordinal)
            .Select(g => $"{g.Key}:{g.Count()}").Order(StringComparer.Ordinal).ToList();
        LoadedAnalyzerCount = analyzers.Count;
        var enabled = options.Where(pair => pair.Value == ReportDiagnostic.Warn).Select(pair => pair.Key).ToList();
        return new AnalyzerSet(
            name,
            package,
            selection,
            selected.ToImmutableArray(),
            options.ToImmutable(),
            additionalFiles?.Invoke(enabled) ?? ImmutableArray<AdditionalText>.Empty,
            errors);
    }
}
