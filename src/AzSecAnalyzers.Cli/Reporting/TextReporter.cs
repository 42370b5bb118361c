using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AzSecAnalyzers.Cli;

/// <summary>
/// The human report: failed projects, fixes, findings grouped by rule with file:line, and a summary table,
/// drawn with Spectre.Console. Without colour (redirected output, NO_COLOR) it is plain text whose every line
/// is what scripts and tests read; with colour the summary becomes a bordered table.
/// </summary>
internal sealed class TextReporter
{
    // Lines are never wrapped: a finding's line is copied, grepped and compared whole. The summary table
    // does not expand, so this width only lifts Spectre's cap.
    private const int NoWrapWidth = 100_000;

    private readonly IAnsiConsole _console;
    private readonly bool _colour;

    public TextReporter(TextWriter output, bool colour)
    {
        _colour = colour;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,

            // The CI enrichers would turn colour on for a redirected GitHub Actions log; the caller decides.
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        _console.Profile.Width = NoWrapWidth;
    }

    /// <summary>Colour only on a terminal, and never with NO_COLOR set (https://no-color.org) or TERM=dumb.</summary>
    public static bool ColourWanted(bool toConsole)
        => toConsole && !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && Environment.GetEnvironmentVariable("TERM") != "dumb";

    public void Write(ScanReport report, bool findingsDetail = true)
    {
        foreach (var failure in report.Failures)
        {
            Line(Styled("error", "red"), $": project {failure.Project} ({Paths.Relative(report.Root, failure.Path)}) could not be loaded:");
            foreach (var line in failure.Reason.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Line("    " + line.TrimEnd('\r'));
            }
        }

        if (report.Failures.Count > 0)
        {
            _console.WriteLine();
        }

        if (report.FixedFiles.Count > 0)
        {
            Line(Styled("Fixed", "green"), ":");
            foreach (var file in report.FixedFiles)
            {
                Line($"  {file.RelativePath}: " + string.Join(", ", file.FixedPerRule.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Value} × {k.Key}")));
            }

            _console.WriteLine();
        }

        foreach (var skipped in report.SkippedFixes)
        {
            Line(Styled("fix skipped", "yellow"), ": " + skipped);
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
            Line(Styled(group.Key, "bold"), $" {rule?.Title} ({group.Count()})");
            if (rule is not null)
            {
                Line("  ", Styled(rule.HelpUri, "dim"));
            }

            foreach (var finding in group)
            {
                Line($"  {finding.RelativePath}:{finding.StartLine}:{finding.StartColumn}: ", SeverityWord(finding.Severity), $": {finding.Message}");
            }

            _console.WriteLine();
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
            Line($"{scanned}: ", Styled("no findings", "green"), baseline + ".");
            return;
        }

        var rows = report.Findings.GroupBy(f => f.RuleId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g.ToList()))
            .ToList();
        _console.Write(_colour ? BorderedTable(rows, Row("Total", report.Findings)) : PlainTable(rows, Row("Total", report.Findings)));
        _console.WriteLine();
        Line($"{scanned}: {report.Findings.Count} finding{(report.Findings.Count == 1 ? "" : "s")}{baseline}.");
    }

    private static readonly string[] Header = { "Rule", "Error", "Warning", "Info", "Total" };

    /// <summary>
    /// Columns two spaces apart, the rule left-aligned and the counts right-aligned, a dashed line under the
    /// header: the layout `grep`/`awk` scripts and the CLI tests read.
    /// </summary>
    private static Grid PlainTable(List<string[]> rows, string[] total)
    {
        var all = rows.Append(total).Prepend(Header).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        var grid = new Grid();
        for (var i = 0; i < Header.Length; i++)
        {
            grid.AddColumn(new GridColumn
            {
                Alignment = i == 0 ? Justify.Left : Justify.Right,
                Padding = new Padding(0, 0, i == Header.Length - 1 ? 0 : 2, 0),
                NoWrap = true,
            });
        }

        grid.AddRow(Header.Select(h => new Text(h)).ToArray<IRenderable>());
        grid.AddRow(widths.Select(w => new Text(new string('-', w))).ToArray<IRenderable>());
        foreach (var row in rows.Append(total))
        {
            grid.AddRow(row.Select(c => new Text(c)).ToArray<IRenderable>());
        }

        return grid;
    }

    private static Table BorderedTable(List<string[]> rows, string[] total)
    {
        var table = new Table().Border(TableBorder.Rounded).ShowFooters();
        for (var i = 0; i < Header.Length; i++)
        {
            var column = new TableColumn(new Markup($"[bold]{Header[i]}[/]")).Footer(new Markup($"[bold]{total[i]}[/]"));
            table.AddColumn(i == 0 ? column : column.RightAligned());
        }

        foreach (var row in rows)
        {
            table.AddRow(
                new Markup($"[bold]{Markup.Escape(row[0])}[/]"),
                Count(row[1], "red"),
                Count(row[2], "yellow"),
                Count(row[3], "cyan"),
                new Text(row[4]));
        }

        return table;

        static IRenderable Count(string value, string colour) => value == "0" ? new Text(value, new Style(decoration: Decoration.Dim)) : new Markup($"[{colour}]{value}[/]");
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

    private static Text SeverityWord(Severity severity) => severity switch
    {
        Severity.Error => Styled("error", "red"),
        Severity.Warning => Styled("warning", "yellow"),
        _ => Styled("info", "cyan"),
    };

    private static Text Styled(string text, string style) => new(text, Style.Parse(style));

    /// <summary>One line of text pieces, plain strings unstyled; the text is never parsed as markup.</summary>
    private void Line(params object[] pieces)
    {
        foreach (var piece in pieces)
        {
            _console.Write(piece as Text ?? new Text((string)piece));
        }

        _console.WriteLine();
    }
}
