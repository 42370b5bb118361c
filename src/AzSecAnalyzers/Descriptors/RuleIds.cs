namespace AzSecAnalyzers;

/// <summary>
/// Every diagnostic id the package reports. Ids are public API (users write them into
/// .editorconfig, suppressions and CI gates): never renumber or reuse one.
/// </summary>
public static class RuleIds
{
    // AZSEC1xx: AzureSecurity.Secrets
    public const string HardcodedCredential = "AZSEC101";
    public const string HardcodedSecretArgument = "AZSEC102";
    public const string CredentialNamedSymbol = "AZSEC103";

    // AZSEC3xx: AzureSecurity.Transport
    public const string CertificateValidationDisabled = "AZSEC301";
}
