using System.Diagnostics.CodeAnalysis;

namespace AzSecAnalyzers.Cli;

/// <summary>A finding's effective severity, ordered so that a higher value is more severe.</summary>
internal enum Severity
{
    Info = 1,
    Warning = 2,
    Error = 3,
}

internal static class SeverityNames
{
    public static bool TryParse(string text, [NotNullWhen(true)] out Severity? severity)
    {
        severity = text.ToLowerInvariant() switch
        {
            "error" => Severity.Error,
            "warning" or "warn" => Severity.Warning,
            "info" or "information" or "suggestion" or "note" => Severity.Info,
            _ => null,
        };
        return severity is not null;
    }

    public static string Word(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    /// <summary>The SARIF <c>level</c> of a severity.</summary>
    public static string SarifLevel(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
