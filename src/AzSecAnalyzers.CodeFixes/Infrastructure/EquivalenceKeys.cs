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
    // One key for both AZSEC405 fixes (regex timeout, page-size clamp), so Fix All and dotnet format (which
    // uses the first finding's key for all of a rule's findings) apply both.
    public const string LimitResourceConsumption = "AZSEC405.AddLimit";
    public const string WrapDetailedErrorsInDevelopmentCheck = "AZSEC408.WrapInDevelopmentCheck";
    public const string SecureCookie = "AZSEC409.SecureCookie";
    // One key for every AZSEC410 fix (Cosmos, Tables, Search, EF Core, SqlCommand): Fix All, and dotnet format
    // (which fixes all of a rule's findings with the first one's key), then parameterize every kind of sink.
    public const string ParameterizeQuery = "AZSEC410.Parameterize";
    public const string UseTypeNameHandlingNone = "AZSEC411.TypeNameHandlingNone";
    public const string EnableRateLimiting = "AZSEC412.EnableRateLimiting";
    public const string WrapApiDocumentationInDevelopmentCheck = "AZSEC413.WrapInDevelopmentCheck";
    public const string MoveInputToUserMessage = "AZSEC415.MoveInputToUserMessage";
    public const string DisablePublicBlobAccess = "AZSEC501.PublicAccessTypeNone";
    // One key for both AZSEC503 fixes (V2_0, 2048-bit keys): Fix All, and dotnet format (which fixes all of a
    // rule's findings with the equivalence key of the first one), then repairs every fixable finding of the rule.
    public const string UseSecureEncryptionSetting = "AZSEC503.SecureSetting";
}
