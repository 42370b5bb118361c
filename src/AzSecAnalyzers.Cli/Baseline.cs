using System.Text.Json;

namespace AzSecAnalyzers.Cli;

/// <summary>
/// <c>--baseline</c>: the findings of an earlier SARIF report (2.1.0, or 1.0.0 as a build writes by default for
/// <c>-p:ErrorLog=x.sarif</c>), matched by the line-independent fingerprint azsec writes
/// (<see cref="SarifReporter.FingerprintKey"/>), or, for SARIF from another producer, by rule, file and start
/// line. Each baseline result hides at most one finding. A file that is not SARIF of a known shape is refused
/// with an <see cref="InvalidDataException"/> that says where, never skipped in silence.
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
        var log = document.RootElement;
        if (log.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"it is a JSON {Kind(log)}, not a SARIF log (an object with a 'runs' array)");
        }

        var version = Optional(log, "version", JsonValueKind.String, "the log")?.GetString();
        var v1 = version == "1.0.0";
        if (version is not null && !v1 && version != "2.1.0")
        {
            throw new InvalidDataException($"SARIF version {version} is not supported: use SARIF 2.1.0 (for a build, -p:ErrorLog=build.sarif%2Cversion=2.1) or 1.0.0");
        }

        if (Optional(log, "runs", JsonValueKind.Array, "the log") is not { } runs)
        {
            throw new InvalidDataException("it has no 'runs' array, so it is not a SARIF log");
        }

        var runIndex = 0;
        foreach (var run in runs.EnumerateArray())
        {
            var runName = $"runs[{runIndex++}]";
            Expect(run, JsonValueKind.Object, runName);
            if (Optional(run, "results", JsonValueKind.Array, runName) is not { } results)
            {
                continue;
            }

            var resultIndex = 0;
            foreach (var result in results.EnumerateArray())
            {
                var name = $"{runName}.results[{resultIndex++}]";
                Expect(result, JsonValueKind.Object, name);
                if (Optional(result, "ruleId", JsonValueKind.String, name)?.GetString() is not { } ruleId)
                {
                    continue;
                }

                if (Optional(result, "partialFingerprints", JsonValueKind.Object, name) is { } prints
                    && Optional(prints, SarifReporter.FingerprintKey, JsonValueKind.String, name + ".partialFingerprints")?.GetString() is { } value)
                {
                    Increment(baseline._fingerprints, value);
                }
                else if (baseline.LocationKey(ruleId, result, name, v1) is { } location)
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
            // A baseline written before fingerprints masked the finding's span still matches by the old value.
            if (!Take(fingerprints, finding.Fingerprint)
                && !(finding.LegacyFingerprint is { } legacy && Take(fingerprints, legacy))
                && !Take(locations, Key(finding.RuleId, finding.RelativePath, finding.StartLine)))
            {
                fresh.Add(finding);
            }
        }

        return (fresh, findings.Count - fresh.Count);
    }

    /// <summary>
    /// Rule, file and start line of a result: SARIF 2.1.0 has them under <c>locations[0].physicalLocation</c>
    /// (<c>artifactLocation.uri</c>, <c>region.startLine</c>); SARIF 1.0.0 under <c>locations[0].resultFile</c>
    /// (<c>uri</c>, <c>region.startLine</c>).
    /// </summary>
    private string? LocationKey(string ruleId, JsonElement result, string name, bool v1)
    {
        if (Optional(result, "locations", JsonValueKind.Array, name) is not { } locations || locations.GetArrayLength() == 0)
        {
            return null;
        }

        var location = locations[0];
        Expect(location, JsonValueKind.Object, name + ".locations[0]");
        var placeName = name + ".locations[0]." + (v1 ? "resultFile" : "physicalLocation");
        if (Optional(location, v1 ? "resultFile" : "physicalLocation", JsonValueKind.Object, name + ".locations[0]") is not { } place)
        {
            return null;
        }

        var file = v1 ? place : Optional(place, "artifactLocation", JsonValueKind.Object, placeName);
        var uri = file is { } f ? Optional(f, "uri", JsonValueKind.String, placeName)?.GetString() : null;
        var region = Optional(place, "region", JsonValueKind.Object, placeName);
        var line = region is { } r ? Optional(r, "startLine", JsonValueKind.Number, placeName + ".region") : null;
        if (uri is null || line is not { } startLine)
        {
            return null;
        }

        if (!startLine.TryGetInt32(out var lineNumber))
        {
            throw new InvalidDataException($"{placeName}.region.startLine is not a whole number");
        }

        var relative = Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile
            ? Paths.Relative(_root, absolute.LocalPath)
            : Uri.UnescapeDataString(uri);
        return Key(ruleId, relative, lineNumber);
    }

    /// <summary>The property, or <c>null</c> when absent; of another JSON kind than SARIF gives it, an error.</summary>
    private static JsonElement? Optional(JsonElement element, string property, JsonValueKind kind, string where)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != kind)
        {
            throw new InvalidDataException($"'{property}' in {where} is a JSON {Kind(value)}, not {KindName(kind)}: this is not a SARIF log");
        }

        return value;
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string where)
    {
        if (element.ValueKind != kind)
        {
            throw new InvalidDataException($"{where} is a JSON {Kind(element)}, not {KindName(kind)}: this is not a SARIF log");
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => kind.ToString().ToLowerInvariant(),
    };

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
