using System.Globalization;

namespace AzSecAnalyzers.Cli;

/// <summary>The human report: failed projects, fixes, findings grouped by rule with file:line, and a summary table.</summary>
internal sealed class TextReporter
{
    private readonly TextWriter _out;
    private readonly bool _colour;

    public TextReporter(TextWriter output, bool colour)
    {
        _out = output;
        _colour = colour;
    }

    /// <summary>Colour only on a terminal, and never with NO_COLOR set (https://no-color.org).</summary>
    public static bool ColourWanted(bool toConsole)
        => toConsole && !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    public void Write(ScanReport report, bool findingsDetail = true)
    {
        foreach (var failure in report.Failures)
        {
            _out.WriteLine(Paint("error", Red) + $": project {failure.Project} ({Paths.Relative(report.Root, failure.Path)}) could not be loaded:");
            foreach (var line in failure.Reason.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                _out.WriteLine("    " + line.TrimEnd('\r'));
            }
        }

        if (report.Failures.Count > 0)
        {
            _out.WriteLine();
        }

        if (report.FixedFiles.Count > 0)
        {
            _out.WriteLine(Paint("Fixed", Green) + ":");
            foreach (var file in report.FixedFiles)
            {
                _out.WriteLine($"  {file.RelativePath}: " + string.Join(", ", file.FixedPerRule.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Value} × {k.Key}")));
            }

            _out.WriteLine();
        }

        foreach (var skipped in report.SkippedFixes)
        {
            _out.WriteLine(Paint("fix skipped", Yellow) + ": " + skipped);
        }

        if (findingsDetail)
        {
            WriteFindings(report);
        }

        WriteSummary(report);
    }

    private void WriteFindings(ScanReport report)
    {
        foreach (var group in report.Findings.GroupBy(f => f.RuleId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rule = report.Rules.FirstOrDefault(r => r.Id == group.Key);
            _out.WriteLine(Paint(group.Key, Bold) + $" {rule?.Title} ({group.Count()})");
            if (rule is not null)
            {
                _out.WriteLine("  " + Paint(rule.HelpUri, Dim));
            }

            foreach (var finding in group)
            {
                _out.WriteLine($"  {finding.RelativePath}:{finding.StartLine}:{finding.StartColumn}: {SeverityWord(finding.Severity)}: {finding.Message}");
            }

            _out.WriteLine();
        }
    }

    private void WriteSummary(ScanReport report)
    {
        var projects = report.ScannedProjects.Count;
        var scanned = $"{projects} project{(projects == 1 ? "" : "s")} scanned";
        if (report.Failures.Count > 0)
        {
            scanned += $", {report.Failures.Count} failed to load";
        }

        var baseline = report.BaselineMatched > 0 ? $" ({report.BaselineMatched} already in the baseline)" : string.Empty;
        if (report.Findings.Count == 0)
        {
            _out.WriteLine($"{scanned}: " + Paint("no findings", Green) + baseline + ".");
            return;
        }

        var header = new[] { "Rule", "Error", "Warning", "Info", "Total" };
        var rows = report.Findings.GroupBy(f => f.RuleId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g.ToList()))
            .Append(Row("Total", report.Findings))
            .ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        _out.WriteLine(Line(header, widths));
        _out.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            _out.WriteLine(Line(row, widths));
        }

        _out.WriteLine();
        _out.WriteLine($"{scanned}: {report.Findings.Count} finding{(report.Findings.Count == 1 ? "" : "s")}{baseline}.");
    }

    private static string[] Row(string name, IReadOnlyCollection<Finding> findings) => new[]
    {
        name,
        Count(findings, Severity.Error),
        Count(findings, Severity.Warning),
        Count(findings, Severity.Info),
        findings.Count.ToString(CultureInfo.InvariantCulture),
    };

    private static string Count(IEnumerable<Finding> findings, Severity severity)
        => findings.Count(f => f.Severity == severity).ToString(CultureInfo.InvariantCulture);

    private static string Line(string[] cells, int[] widths)
        => string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();

    private string SeverityWord(Severity severity) => severity switch
    {
        Severity.Error => Paint("error", Red),
        Severity.Warning => Paint("warning", Yellow),
        _ => Paint("info", Cyan),
    };

    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";
    private const string Yellow = "\u001b[33m";
    private const string Cyan = "\u001b[36m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";

    private string Paint(string text, string code) => _colour ? code + text + "\u001b[0m" : text;
}
