namespace AzSecAnalyzers.Cli;

/// <summary>A rule as the reports describe it, taken from the analyzers' own descriptors.</summary>
internal sealed record RuleInfo(
    string Id,
    string Title,
    string Description,
    string Category,
    Severity? DefaultSeverity,
    bool EnabledByDefault,
    string HelpUri,
    IReadOnlyList<string> Tags);

/// <summary>
/// One finding. Paths are relative to the scanned root, with forward slashes; lines and columns are 1-based.
/// <see cref="LegacyFingerprint"/> is the fingerprint earlier versions wrote, a hash of the unmasked line: kept in
/// memory only, to match their baselines, and never written.
/// </summary>
internal sealed record Finding(
    string RuleId,
    Severity Severity,
    string Message,
    string RelativePath,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn,
    string Project,
    string Fingerprint,
    string? LegacyFingerprint = null);

/// <summary>A project that could not be loaded or compiled, with MSBuild's reason.</summary>
internal sealed record ProjectFailure(string Project, string Path, string Reason);

/// <summary>What <c>--fix</c> changed in one file.</summary>
internal sealed record FixedFile(string RelativePath, IReadOnlyDictionary<string, int> FixedPerRule);

/// <summary>Everything a reporter needs.</summary>
internal sealed class ScanReport
{
    public required string Root { get; init; }

    public required IReadOnlyList<RuleInfo> Rules { get; init; }

    public required IReadOnlyList<Finding> Findings { get; init; }

    public required IReadOnlyList<string> ScannedProjects { get; init; }

    public required IReadOnlyList<ProjectFailure> Failures { get; init; }

    public IReadOnlyList<FixedFile> FixedFiles { get; init; } = Array.Empty<FixedFile>();

    public IReadOnlyList<string> SkippedFixes { get; init; } = Array.Empty<string>();

    /// <summary>How many findings the baseline hid.</summary>
    public int BaselineMatched { get; init; }

    public static string ToolVersion { get; } =
        typeof(ScanReport).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
