namespace AzSecAnalyzers.CodeFixes;

/// <summary>
/// Equivalence keys of every code action. Public so tests (and Fix All) can pick an action by key;
/// stable across releases so a user's Fix All keeps working.
/// </summary>
public static class EquivalenceKeys
{
    public const string MoveSecretToKeyVault = "AZSEC10x.MoveSecretToKeyVault";

    public const string UseDefaultAzureCredential = "AZSEC201.DefaultAzureCredential";
    public const string UseManagedIdentityCredential = "AZSEC201.ManagedIdentityCredential";
    public const string UseActiveDirectoryDefaultAuthentication = "AZSEC202.ActiveDirectoryDefault";
    public const string ReplaceWithManagedIdentityCredential = "AZSEC204.ManagedIdentityCredential";
    public const string RemoveCertificateValidationOverride = "AZSEC301.RemoveOverride";
    public const string RemoveObsoleteTlsProtocols = "AZSEC302.RemoveObsoleteProtocols";
    public const string UseEncryptedAzureConnection = "AZSEC303.UseEncryption";
    public const string AddAuthorize = "AZSEC401.AddAuthorize";
    public const string RequireAuthorization = "AZSEC401.RequireAuthorization";
    public const string RemoveAllowAnonymous = "AZSEC401.RemoveAllowAnonymous";
    public const string EnableTokenValidation = "AZSEC403.SetTrue";
    public const string AddRegexTimeout = "AZSEC405.AddRegexTimeout";
    public const string ClampPageSize = "AZSEC405.ClampPageSize";
    public const string WrapDetailedErrorsInDevelopmentCheck = "AZSEC408.WrapInDevelopmentCheck";
    public const string SecureCookie = "AZSEC409.SecureCookie";
    public const string EnableRateLimiting = "AZSEC412.EnableRateLimiting";
    public const string WrapApiDocumentationInDevelopmentCheck = "AZSEC413.WrapInDevelopmentCheck";
}
