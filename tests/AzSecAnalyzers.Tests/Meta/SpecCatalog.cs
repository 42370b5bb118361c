using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace AzSecAnalyzers.Tests.Meta;

/// <summary>One row of the rule catalog in the product specification (docs/SPEC.md).</summary>
internal sealed record SpecRule(string Id, string Title, string Category, DiagnosticSeverity Severity, bool EnabledByDefault, string? Owasp);

/// <summary>Reads the rule catalog tables of a SPEC.md: the public API every descriptor must match.</summary>
internal static partial class SpecCatalog
{
    public static string CommittedPath => Path.Combine(TestPaths.RepositoryRoot, "docs", "SPEC.md");

    /// <summary>The steering copy of the spec beside the repository, when this machine has it.</summary>
    public static string SharedPath => Path.GetFullPath(Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "SPEC.md"));

    public static IReadOnlyDictionary<string, SpecRule> Load(string path)
    {
        var rules = new Dictionary<string, SpecRule>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var match = RowPattern().Match(line);
            if (!match.Success)
            {
                continue;
            }

            // | id | title | triggers | sev | fix |   or, for AZSEC4xx,   | id | OWASP | title | triggers | sev | fix |
            var cells = line.Split('|').Select(cell => cell.Trim()).ToArray();
            var id = cells[1];
            var hasOwasp = OwaspPattern().IsMatch(cells[2]);
            var title = hasOwasp ? cells[3] : cells[2];
            var severityCell = cells[^3];
            var (severity, enabled) = severityCell switch
            {
                "W" => (DiagnosticSeverity.Warning, true),
                "I" => (DiagnosticSeverity.Info, true),
                _ when severityCell.StartsWith('H') => (DiagnosticSeverity.Hidden, false),
                _ => throw new InvalidDataException($"{path}: unknown severity '{severityCell}' for {id}"),
            };

            rules.Add(id, new SpecRule(id, title, CategoryOf(id), severity, enabled, hasOwasp ? cells[2] : null));
        }

        return rules;
    }

    public static string CategoryOf(string id) => id[5] switch
    {
        '1' => RuleCategories.Secrets,
        '2' => RuleCategories.Identity,
        '3' => RuleCategories.Transport,
        '4' => RuleCategories.Api,
        '5' => RuleCategories.Data,
        _ => throw new ArgumentException($"No category for {id}", nameof(id)),
    };

    [GeneratedRegex(@"^\|\s*AZSEC\d{3}\s*\|")]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"^API\d+")]
    private static partial Regex OwaspPattern();
}
