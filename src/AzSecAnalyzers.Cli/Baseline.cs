using System.Text.Json;

namespace AzSecAnalyzers.Cli;

/// <summary>
/// <c>--baseline</c>: the findings of an earlier SARIF report, matched by the line-independent
/// fingerprint azsec writes (<see cref="SarifReporter.FingerprintKey"/>), or, for SARIF from another
/// producer, by rule, file and start line. Each baseline result hides at most one finding.
/// </summary>
internal sealed class Baseline
{
    private readonly Dictionary<string, int> _fingerprints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _locations = new(StringComparer.Ordinal);

    private string _root = string.Empty;

    /// <param name="root">The scanned folder: absolute file URIs (a build's ErrorLog) are made relative to it.</param>
    public static Baseline Load(string path, string root)
    {
        var baseline = new Baseline { _root = root };
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("it has no 'runs' array, so it is not a SARIF log");
        }

        foreach (var run in runs.EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var result in results.EnumerateArray())
            {
                var ruleId = result.TryGetProperty("ruleId", out var r) ? r.GetString() : null;
                if (ruleId is null)
                {
                    continue;
                }

                if (result.TryGetProperty("partialFingerprints", out var prints)
                    && prints.ValueKind == JsonValueKind.Object
                    && prints.TryGetProperty(SarifReporter.FingerprintKey, out var print)
                    && print.GetString() is { } value)
                {
                    Increment(baseline._fingerprints, value);
                }
                else if (baseline.LocationKey(ruleId, result) is { } location)
                {
                    Increment(baseline._locations, location);
                }
            }
        }

        return baseline;
    }

    /// <summary>The findings the baseline does not account for, and how many it hid.</summary>
    public (List<Finding> New, int Matched) Filter(IReadOnlyList<Finding> findings)
    {
        var fingerprints = new Dictionary<string, int>(_fingerprints, StringComparer.Ordinal);
        var locations = new Dictionary<string, int>(_locations, StringComparer.Ordinal);
        var fresh = new List<Finding>();
        foreach (var finding in findings)
        {
            if (!Take(fingerprints, finding.Fingerprint) && !Take(locations, Key(finding.RuleId, finding.RelativePath, finding.StartLine)))
            {
                fresh.Add(finding);
            }
        }

        return (fresh, findings.Count - fresh.Count);
    }

    private string? LocationKey(string ruleId, JsonElement result)
    {
        if (!result.TryGetProperty("locations", out var locations) || locations.ValueKind != JsonValueKind.Array || locations.GetArrayLength() == 0)
        {
            return null;
        }

        var physical = locations[0].TryGetProperty("physicalLocation", out var p) ? p : default;
        if (physical.ValueKind != JsonValueKind.Object
            || !physical.TryGetProperty("artifactLocation", out var artifact)
            || !artifact.TryGetProperty("uri", out var uri)
            || !physical.TryGetProperty("region", out var region)
            || !region.TryGetProperty("startLine", out var line))
        {
            return null;
        }

        var text = uri.GetString() ?? string.Empty;
        var file = Uri.TryCreate(text, UriKind.Absolute, out var absolute) && absolute.IsFile
            ? Paths.Relative(_root, absolute.LocalPath)
            : Uri.UnescapeDataString(text);
        return Key(ruleId, file, line.GetInt32());
    }

    private static string Key(string ruleId, string path, int line) => $"{ruleId}|{path}|{line}";

    private static void Increment(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static bool Take(Dictionary<string, int> counts, string key)
    {
        if (counts.TryGetValue(key, out var count) && count > 0)
        {
            counts[key] = count - 1;
            return true;
        }

        return false;
    }
}
