using System.Text.Json;
using System.Text.Json.Nodes;

namespace AzSecAnalyzers.Cli;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning: one run, the rule metadata with help links, results with
/// file URIs relative to the scanned root (base id <c>%SRCROOT%</c>) and a line-independent fingerprint.
/// </summary>
internal static class SarifReporter
{
    private static readonly char[] WordSeparators = { ' ', '-', '/', '.', ',', '(', ')', ':' };

    private static readonly string[] SecurityTag = { "security" };

    /// <summary>
    /// The fingerprint's key. Its value now hashes the line with the finding's span masked; the key kept its name
    /// so code scanning and existing baselines keep their field (<see cref="Baseline"/> still matches the values
    /// earlier versions wrote, by <see cref="Finding.LegacyFingerprint"/>).
    /// </summary>
    public const string FingerprintKey = "azsecLineHash/v1";

    public static string Render(ScanReport report)
    {
        var ruleIndex = report.Rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var rules = new JsonArray(report.Rules.Select(RuleNode).ToArray<JsonNode?>());
        var results = new JsonArray(report.Findings.Select(f => ResultNode(f, ruleIndex)).ToArray<JsonNode?>());

        var notifications = new JsonArray(report.Failures.Select(f => (JsonNode?)new JsonObject
        {
            ["level"] = "error",
            ["message"] = new JsonObject { ["text"] = $"Project {f.Project} could not be loaded: {f.Reason}" },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = Artifact(Paths.Relative(report.Root, f.Path)),
                },
            }),
        }).ToArray());

        var invocation = new JsonObject
        {
            ["executionSuccessful"] = report.Failures.Count == 0,
        };
        if (notifications.Count > 0)
        {
            invocation["toolExecutionNotifications"] = notifications;
        }

        var log = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "AzSecAnalyzers",
                        ["informationUri"] = "https://github.com/AzSecAnalyzers/AzSecAnalyzers",
                        ["version"] = ScanReport.ToolVersion,
                        ["semanticVersion"] = ScanReport.ToolVersion,
                        ["rules"] = rules,
                    },
                },
                ["invocations"] = new JsonArray(invocation),
                ["originalUriBaseIds"] = new JsonObject
                {
                    ["%SRCROOT%"] = new JsonObject { ["uri"] = new Uri(report.Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).AbsoluteUri },
                },
                ["columnKind"] = "utf16CodeUnits",
                ["results"] = results,
            }),
        };

        return log.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + Environment.NewLine;
    }

    private static JsonNode RuleNode(RuleInfo rule)
    {
        var node = new JsonObject
        {
            ["id"] = rule.Id,
            ["name"] = ToPascalName(rule.Title),
            ["shortDescription"] = new JsonObject { ["text"] = rule.Title },
            ["fullDescription"] = new JsonObject { ["text"] = string.IsNullOrEmpty(rule.Description) ? rule.Title : rule.Description },
            ["helpUri"] = rule.HelpUri,
            ["help"] = new JsonObject { ["text"] = $"{rule.Title}. See {rule.HelpUri}" },
            ["defaultConfiguration"] = new JsonObject
            {
                ["enabled"] = rule.EnabledByDefault,
                ["level"] = rule.DefaultSeverity?.SarifLevel() ?? "none",
            },
            ["properties"] = new JsonObject
            {
                ["category"] = rule.Category,
                ["tags"] = new JsonArray(SecurityTag.Concat(rule.Tags.Where(t => !t.Equals("security", StringComparison.OrdinalIgnoreCase))).Select(t => (JsonNode?)t).ToArray()),
            },
        };
        return node;
    }

    private static JsonNode ResultNode(Finding finding, Dictionary<string, int> ruleIndex)
    {
        var node = new JsonObject
        {
            ["ruleId"] = finding.RuleId,
        };
        if (ruleIndex.TryGetValue(finding.RuleId, out var index))
        {
            node["ruleIndex"] = index;
        }

        node["level"] = finding.Severity.SarifLevel();
        node["message"] = new JsonObject { ["text"] = finding.Message };
        node["locations"] = new JsonArray(new JsonObject
        {
            ["physicalLocation"] = new JsonObject
            {
                ["artifactLocation"] = Artifact(finding.RelativePath),
                ["region"] = new JsonObject
                {
                    ["startLine"] = finding.StartLine,
                    ["startColumn"] = finding.StartColumn,
                    ["endLine"] = finding.EndLine,
                    ["endColumn"] = finding.EndColumn,
                },
            },
        });
        node["partialFingerprints"] = new JsonObject { [FingerprintKey] = finding.Fingerprint };
        node["properties"] = new JsonObject { ["project"] = finding.Project };
        return node;
    }

    private static JsonObject Artifact(string relativePath) => new()
    {
        // Relative URI references: each segment escaped, slashes kept, as GitHub expects.
        ["uri"] = string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString)),
        ["uriBaseId"] = "%SRCROOT%",
    };

    private static string ToPascalName(string title)
        => string.Concat(title.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
