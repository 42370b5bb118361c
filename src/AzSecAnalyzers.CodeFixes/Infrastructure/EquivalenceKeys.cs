namespace AzSecAnalyzers.CodeFixes;

/// <summary>
/// Equivalence keys of every code action. Public so tests (and Fix All) can pick an action by key;
/// stable across releases so a user's Fix All keeps working.
/// </summary>
public static class EquivalenceKeys
{
    public const string MoveSecretToKeyVault = "AZSEC10x.MoveSecretToKeyVault";

    public const string RemoveCertificateValidationOverride = "AZSEC301.RemoveOverride";
}
