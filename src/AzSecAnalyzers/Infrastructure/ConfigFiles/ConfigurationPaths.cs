using System.Text;
using AzSecAnalyzers.Infrastructure.Secrets;

namespace AzSecAnalyzers.Infrastructure.ConfigFiles;

/// <summary>
/// A configuration path as a message may show it. Names are data too: an API-key map
/// (<c>"ApiKeys": { "&lt;key&gt;": { … } }</c>) or an <c>&lt;add key="…"&gt;</c> stores the secret as a path
/// segment, and a path printed as is would copy it into the build log, SARIF and every report.
/// </summary>
internal static class ConfigurationPaths
{
    /// <summary>
    /// <paramref name="path"/> with every segment that the shape engine recognises as a credential, or that is
    /// a long high-entropy token, replaced by the usual redacted preview (<see cref="SecretValues.Redact"/>).
    /// </summary>
    public static string ForDisplay(string path)
    {
        var segments = path.Split(':');
        var changed = false;
        for (var i = 0; i < segments.Length; i++)
        {
            if (IsSecretLike(segments[i]))
            {
                segments[i] = SecretValues.Redact(segments[i], 0, segments[i].Length);
                changed = true;
            }
        }

        var shown = changed ? string.Join(":", segments) : path;

        // A secret that itself holds ':' (a connection string used as a name) spans segments: redact what is left of it.
        var matches = SecretScanner.FindAll(shown);
        if (matches.Count == 0)
        {
            return shown;
        }

        var builder = new StringBuilder(shown.Length);
        var from = 0;
        foreach (var match in matches)
        {
            builder.Append(shown, from, match.Offset - from).Append('\u2026');
            from = match.End;
        }

        return builder.Append(shown, from, shown.Length - from).ToString();
    }

    private static bool IsSecretLike(string segment)
        => SecretValues.IsHighEntropyToken(segment)
           || SecretScanner.FindAll(segment, SecretScanOptions.KeyExpected).Count > 0;
}
