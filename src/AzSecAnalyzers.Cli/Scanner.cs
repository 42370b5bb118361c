using Microsoft.CodeAnalysis;

namespace AzSecAnalyzers.Cli;

/// <summary>One run of the tool: resolve the target, load, (fix,) analyze, filter, report, pick the exit code.</summary>
internal sealed class Scanner
{
    private readonly CliOptions _options;
    private readonly Progress _progress = Progress.ForConsole();

    public Scanner(CliOptions options) => _options = options;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (_options.OutputFile is { } output && OutputTarget.Check(output) is { } unwritable)
        {
            Console.Error.WriteLine($"azsec: cannot write the report to '{output}': {unwritable}.");
            return Program.ExitError;
        }

        var excludes = _options.ExcludePatterns.Select(Glob.ForPath).ToList();
        var discoveryWarnings = new List<string>();
        var target = ProjectLoader.Resolve(_options.Target, excludes, discoveryWarnings, out var error);
        foreach (var warning in discoveryWarnings)
        {
            Console.Error.WriteLine("azsec: warning: " + warning);
        }

        if (target is null)
        {
            Console.Error.WriteLine("azsec: " + error);
            return Program.ExitError;
        }

        Baseline? baseline = null;
        if (_options.BaselineFile is { } baselineFile)
        {
            try
            {
                baseline = Baseline.Load(baselineFile, target.Root);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidDataException)
            {
                Console.Error.WriteLine($"azsec: cannot read the baseline '{baselineFile}': {e.Message}");
                return Program.ExitError;
            }
        }

        var catalog = RuleCatalog.Load(_options.RulePatterns);
        if (catalog.Rules.Count == 0)
        {
            Console.Error.WriteLine($"azsec: no rule matches --rules {string.Join(',', _options.RulePatterns)}.");
            return Program.ExitError;
        }

        try
        {
            return await ScanAsync(target, catalog, excludes, baseline, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _progress.Clear();
            Console.Error.WriteLine("azsec: cancelled.");
            return Program.ExitError;
        }
    }

    private async Task<int> ScanAsync(ProjectLoader.Target target, RuleCatalog catalog, List<Glob> excludes, Baseline? baseline, CancellationToken cancellationToken)
    {
        var loader = new ProjectLoader(_progress);
        var (workspace, loaded, failures) = await loader.LoadAsync(target, cancellationToken).ConfigureAwait(false);
        using var _ = workspace;
        var projects = loaded
            .Where(p => p.FilePath is null || !excludes.Any(g => g.IsPathOrParentMatch(Paths.Relative(target.Root, p.FilePath))))
            .Select(p => p.Id)
            .ToList();
        if (projects.Count == 0 && loaded.Count > 0)
        {
            _progress.Clear();
            Console.Error.WriteLine("azsec: " + ProjectLoader.AllExcluded(target.Display));
            return Program.ExitError;
        }

        var analysis = new Analysis(catalog, target.Root, excludes, _progress);
        var solution = workspace.CurrentSolution;
        List<FixedFile> fixedFiles = new();
        List<string> skippedFixes = new();
        var writeFailed = false;
        if (_options.Fix)
        {
            var fixer = new Fixer(catalog, analysis, target.Root, _progress);
            var (fixedSolution, files) = await fixer.FixAsync(solution, projects, cancellationToken).ConfigureAwait(false);
            skippedFixes.AddRange(fixer.Skipped.Distinct());
            if (files.Count > 0)
            {
                _progress.Report("Writing fixed files");
                var (written, notWritten, failed, onDisk) = await fixer.WriteAsync(fixedSolution, cancellationToken).ConfigureAwait(false);
                fixedFiles = files.Where(f => written.Contains(f.RelativePath)).ToList();
                skippedFixes.AddRange(notWritten);
                writeFailed = failed;
                solution = onDisk;
            }
        }

        var diagnostics = await analysis.AnalyzeAsync(solution, projects, cancellationToken).ConfigureAwait(false);
        var findings = await analysis.ToFindingsAsync(solution, diagnostics, cancellationToken).ConfigureAwait(false);
        failures.AddRange(analysis.Unanalysable);
        var matched = 0;
        if (baseline is not null)
        {
            (findings, matched) = baseline.Filter(findings);
        }

        _progress.Clear();
        foreach (var warning in loader.Warnings)
        {
            Console.Error.WriteLine($"azsec: warning: MSBuild reported a problem while loading {warning.Project} (loaded anyway): {warning.Reason}");
        }

        foreach (var analyzerError in analysis.AnalyzerErrors.Distinct())
        {
            Console.Error.WriteLine("azsec: warning: analyzer failure: " + analyzerError);
        }

        var report = new ScanReport
        {
            Root = target.Root,
            Rules = catalog.Rules,
            Findings = findings,
            ScannedProjects = projects.Select(id => solution.GetProject(id)!).Select(Analysis.ProjectName).Distinct().ToList(),
            Failures = failures,
            FixedFiles = fixedFiles,
            SkippedFixes = skippedFixes,
            BaselineMatched = matched,
        };

        if (!Write(report) || writeFailed)
        {
            return Program.ExitError;
        }

        if (failures.Count > 0)
        {
            return Program.ExitError;
        }

        return _options.Threshold is { } threshold && findings.Any(f => f.Severity >= threshold) ? Program.ExitFindings : Program.ExitClean;
    }

    /// <summary>Writes the report; <c>false</c> when the <c>--output</c> file could not be written after all.</summary>
    private bool Write(ScanReport report)
    {
        string Render(OutputFormat format) => format switch
        {
            OutputFormat.Sarif => SarifReporter.Render(report),
            OutputFormat.Json => JsonReporter.Render(report),
            _ => RenderText(report),
        };

        if (_options.OutputFile is { } file)
        {
            var failure = OutputTarget.Write(file, Render(_options.Format));
            new TextReporter(Console.Out, TextReporter.ColourWanted(toConsole: true)).Write(report);
            if (failure is not null)
            {
                Console.Error.WriteLine($"azsec: cannot write the report to '{file}': {failure}");
                return false;
            }

            Console.Out.WriteLine($"Report written to {file}.");
            return true;
        }

        if (_options.Format == OutputFormat.Text)
        {
            new TextReporter(Console.Out, TextReporter.ColourWanted(toConsole: true)).Write(report);
            return true;
        }

        // The machine-readable report owns standard output; load failures still reach a human on standard error.
        Console.Out.Write(Render(_options.Format));
        foreach (var failure in report.Failures)
        {
            Console.Error.WriteLine($"azsec: error: project {failure.Project} could not be loaded: {failure.Reason}");
        }

        return true;
    }

    private static string RenderText(ScanReport report)
    {
        using var writer = new StringWriter();
        new TextReporter(writer, colour: false).Write(report);
        return writer.ToString();
    }
}
