using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// How an analyzer tells its code fix what to do, the same way for every rule: the fix to apply under one
/// property key (<see cref="FixKind"/>, its values public constants on the analyzer), and the source spans the
/// fix edits as the diagnostic's additional locations, never as numbers in properties. Other properties carry
/// data only the analyzer knows (a policy name, an endpoint), never a secret.
/// </summary>
public static class FixContract
{
    /// <summary>Diagnostic property: which fix applies; absent when none does.</summary>
    public const string FixKind = "FixKind";

    /// <summary>The properties of a finding whose fix is <paramref name="fixKind"/>; null (no properties) when no fix applies.</summary>
    public static ImmutableDictionary<string, string?>? Properties(string? fixKind)
        => fixKind is null ? null : ImmutableDictionary<string, string?>.Empty.Add(FixKind, fixKind);

    /// <summary>
    /// The span the fix edits: the last additional location (any before it are the analyzer's evidence, such as where
    /// a value came from); null when there is none, or it lies outside <paramref name="root"/>.
    /// </summary>
    public static TextSpan? FixSpan(Diagnostic diagnostic, SyntaxNode root)
    {
        var locations = diagnostic.AdditionalLocations;
        if (locations.Count == 0 || !locations[locations.Count - 1].IsInSource)
        {
            return null;
        }

        var span = locations[locations.Count - 1].SourceSpan;
        return span.End <= root.FullSpan.End ? span : null;
    }
}
