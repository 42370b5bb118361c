using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AzSecAnalyzers.Cli;

/// <summary>
/// Runs the bundled analyzers over each project's compilation with the project's own analyzer
/// options, so .editorconfig / .globalconfig severities and suppressions apply exactly as in a build.
/// </summary>
internal sealed class Analysis
{
    private readonly RuleCatalog _catalog;
    private readonly string _root;
    private readonly IReadOnlyList<Glob> _excludes;
    private readonly Progress _progress;

    public Analysis(RuleCatalog catalog, string root, IReadOnlyList<Glob> excludes, Progress progress)
    {
        _catalog = catalog;
        _root = root;
        _excludes = excludes;
        _progress = progress;
    }

    /// <summary>Analyzer crashes (AD0001), reported on standard error; they do not change the exit code.</summary>
    public List<string> AnalyzerErrors { get; } = new();

    /// <summary>The reportable diagnostics of each project (Roslyn objects, for <c>--fix</c>).</summary>
    public async Task<Dictionary<ProjectId, ImmutableArray<Diagnostic>>> AnalyzeAsync(Solution solution, IReadOnlyList<ProjectId> projects, CancellationToken cancellationToken)
    {
        var result = new Dictionary<ProjectId, ImmutableArray<Diagnostic>>();
        var index = 0;
        foreach (var id in projects)
        {
            var project = solution.GetProject(id)!;
            _progress.Report($"[{++index}/{projects.Count}] Analyzing {project.Name}");
            try
            {
                // On a pool thread, never the main one: the runtime gives those the large stack that
                // runtimeconfig.template.json asks for, which deeply nested code needs to be bound.
                result[id] = await Task.Run(() => AnalyzeProjectAsync(project, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (InsufficientExecutionStackException)
            {
                result[id] = ImmutableArray<Diagnostic>.Empty;
                lock (Unanalysable)
                {
                    Unanalysable.Add(new ProjectFailure(
                        ProjectName(project),
                        project.FilePath ?? project.Name,
                        "its code is nested too deeply for azsec to analyse (the compiler ran out of stack); its findings are not reported."));
                }
            }
        }

        return result;
    }

    /// <summary>Projects whose code could not be analysed at all; reported as failures.</summary>
    public List<ProjectFailure> Unanalysable { get; } = new();

    private async Task<ImmutableArray<Diagnostic>> AnalyzeProjectAsync(Project project, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null || _catalog.Analyzers.IsEmpty)
        {
            return ImmutableArray<Diagnostic>.Empty;
        }

        var options = new CompilationWithAnalyzersOptions(
            ConfigurationFileTexts.WithConfigurationFiles(project, _excludes, _root),
            (exception, analyzer, _) =>
            {
                lock (AnalyzerErrors)
                {
                    AnalyzerErrors.Add($"{analyzer.GetType().Name} threw {exception.GetType().Name} in {project.Name}: {exception.Message}");
                }
            },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(_catalog.Analyzers, options)
            .GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        return diagnostics.Where(IsReported).ToImmutableArray();
    }

    private bool IsReported(Diagnostic diagnostic)
        => _catalog.RuleIds.Contains(diagnostic.Id)
            && !diagnostic.IsSuppressed
            && RuleCatalog.Convert(diagnostic.Severity) is not null
            && diagnostic.Location.GetLineSpan() is { IsValid: true } span
            && !string.IsNullOrEmpty(span.Path)
            && !_excludes.Any(g => g.IsPathOrParentMatch(Paths.Relative(_root, span.Path)));

    /// <summary>Findings across projects, without the duplicates that multi-targeting produces, in file order.</summary>
    public async Task<List<Finding>> ToFindingsAsync(Solution solution, Dictionary<ProjectId, ImmutableArray<Diagnostic>> diagnostics, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var seen = new HashSet<(string, string, int, int, int, int, string)>();
        foreach (var (projectId, projectDiagnostics) in diagnostics)
        {
            var project = solution.GetProject(projectId)!;
            foreach (var diagnostic in projectDiagnostics)
            {
                var span = diagnostic.Location.GetLineSpan();
                var relative = Paths.Relative(_root, span.Path);
                var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
                var key = (diagnostic.Id, relative, span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character, message);
                if (!seen.Add(key))
                {
                    continue;
                }

                var (masked, unmasked) = await LineTextAsync(diagnostic.Location, cancellationToken).ConfigureAwait(false);
                findings.Add(new Finding(
                    diagnostic.Id,
                    RuleCatalog.Convert(diagnostic.Severity)!.Value,
                    message,
                    relative,
                    span.StartLinePosition.Line + 1,
                    span.StartLinePosition.Character + 1,
                    span.EndLinePosition.Line + 1,
                    span.EndLinePosition.Character + 1,
                    ProjectName(project),
                    Fingerprint(diagnostic.Id, relative, masked),
                    Fingerprint(diagnostic.Id, relative, unmasked)));
            }
        }

        return findings
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .ThenBy(f => f.StartLine)
            .ThenBy(f => f.StartColumn)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A project's name without the "(net8.0)" suffix MSBuildWorkspace gives each target framework.</summary>
    public static string ProjectName(Project project)
        => project.FilePath is { } path ? Path.GetFileNameWithoutExtension(path) : project.Name;

    /// <summary>
    /// The finding's first line with its span replaced by a mark, and as it is. The fingerprint hashes the masked
    /// line: a hash of the whole line would let anyone holding the SARIF file confirm a guessed secret offline.
    /// </summary>
    private static async Task<(string Masked, string Unmasked)> LineTextAsync(Location location, CancellationToken cancellationToken)
    {
        var span = location.GetLineSpan();
        string line;
        if (location.Kind == LocationKind.ExternalFile)
        {
            // A finding in a configuration file (AZSEC104): the line as the file has it.
            line = ExternalLineText(span);
        }
        else if (location.SourceTree is { } tree)
        {
            var text = await tree.GetTextAsync(cancellationToken).ConfigureAwait(false);
            line = text.Lines[span.StartLinePosition.Line].ToString();
        }
        else
        {
            return (string.Empty, string.Empty);
        }

        var start = Math.Min(span.StartLinePosition.Character, line.Length);
        var end = span.EndLinePosition.Line == span.StartLinePosition.Line ? Math.Clamp(span.EndLinePosition.Character, start, line.Length) : line.Length;
        return ((line[..start] + SpanMark + line[end..]).Trim(), line.Trim());
    }

    /// <summary>Stands for the finding's span in the hashed line; one that source lines hardly ever hold.</summary>
    private const string SpanMark = "\uFFFC";

    private static string ExternalLineText(FileLinePositionSpan span)
    {
        try
        {
            return File.ReadLines(span.Path).Skip(span.StartLinePosition.Line).FirstOrDefault() ?? string.Empty;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    /// <summary>
    /// A line-number-free identity of a finding (rule, file, trimmed source line with the finding's span masked), so
    /// a baseline still matches after code above the finding moves. Identical lines are told apart by counting.
    /// </summary>
    public static string Fingerprint(string ruleId, string relativePath, string lineText)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(ruleId + "\n" + relativePath + "\n" + string.Join(' ', lineText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
        return Convert.ToHexStringLower(bytes, 0, 16);
    }
}
