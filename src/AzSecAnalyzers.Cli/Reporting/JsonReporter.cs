using System.Text.Json;
using System.Text.Json.Nodes;

namespace AzSecAnalyzers.Cli;

/// <summary>A plain JSON report for scripts: findings, failed projects, fixes and per-rule counts.</summary>
internal static class JsonReporter
{
    public static string Render(ScanReport report)
    {
        var root = new JsonObject
        {
            ["tool"] = "azsec",
            ["version"] = ScanReport.ToolVersion,
            ["root"] = report.Root,
            ["projects"] = new JsonArray(report.ScannedProjects.Select(p => (JsonNode?)p).ToArray()),
            ["failedProjects"] = new JsonArray(report.Failures.Select(f => (JsonNode?)new JsonObject
            {
                ["project"] = f.Project,
                ["path"] = Paths.Relative(report.Root, f.Path),
                ["reason"] = f.Reason,
            }).ToArray()),
            ["findings"] = new JsonArray(report.Findings.Select(f => (JsonNode?)new JsonObject
            {
                ["ruleId"] = f.RuleId,
                ["severity"] = f.Severity.Word(),
                ["message"] = f.Message,
                ["path"] = f.RelativePath,
                ["line"] = f.StartLine,
                ["column"] = f.StartColumn,
                ["endLine"] = f.EndLine,
                ["endColumn"] = f.EndColumn,
                ["project"] = f.Project,
                ["fingerprint"] = f.Fingerprint,
                ["helpUri"] = report.Rules.FirstOrDefault(r => r.Id == f.RuleId)?.HelpUri,
            }).ToArray()),
            ["summary"] = new JsonArray(report.Findings.GroupBy(f => f.RuleId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (JsonNode?)new JsonObject
            {
                ["ruleId"] = g.Key,
                ["error"] = g.Count(f => f.Severity == Severity.Error),
                ["warning"] = g.Count(f => f.Severity == Severity.Warning),
                ["info"] = g.Count(f => f.Severity == Severity.Info),
                ["total"] = g.Count(),
            }).ToArray()),
            ["baselineMatched"] = report.BaselineMatched,
            ["fixed"] = new JsonArray(report.FixedFiles.Select(f => (JsonNode?)new JsonObject
            {
                ["path"] = f.RelativePath,
                ["rules"] = new JsonObject(f.FixedPerRule.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + Environment.NewLine;
    }
}
