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
    public const string SecretInConfigurationFile = "AZSEC104";
    public const string SecretLeak = "AZSEC105";

    // AZSEC2xx: AzureSecurity.Identity
    public const string KeyBasedClientAuthentication = "AZSEC201";
    public const string SqlAuthenticationToAzureSql = "AZSEC202";
    public const string ResourceOwnerPasswordCredentials = "AZSEC203";
    public const string DefaultAzureCredentialInProduction = "AZSEC204";
    public const string RetiredAzureSdk = "AZSEC205";

    // AZSEC3xx: AzureSecurity.Transport
    public const string CertificateValidationDisabled = "AZSEC301";
    public const string ObsoleteTlsProtocol = "AZSEC302";
    public const string UnencryptedAzureConnection = "AZSEC303";
    public const string RevocationCheckDisabled = "AZSEC304";

    // AZSEC4xx: AzureSecurity.Api
    public const string EndpointWithoutAuthorization = "AZSEC401";
    public const string ObjectWithoutOwnershipCheck = "AZSEC402";
    public const string TokenValidationWeakened = "AZSEC403";
    public const string MassAssignment = "AZSEC404";
    public const string UnrestrictedResourceConsumption = "AZSEC405";
    public const string ServerSideRequestForgery = "AZSEC406";
    public const string PermissiveCors = "AZSEC407";
    public const string DetailedErrorsExposed = "AZSEC408";
    public const string InsecureCookie = "AZSEC409";
    public const string QueryInjection = "AZSEC410";
    public const string UnsafeDeserialization = "AZSEC411";
    public const string SensitiveFlowWithoutRateLimiting = "AZSEC412";
    public const string ApiDocumentationExposed = "AZSEC413";
    public const string ModelOutputWithoutValidation = "AZSEC414";
    public const string UntrustedInputInSystemPrompt = "AZSEC415";

    // AZSEC5xx: AzureSecurity.Data
    public const string PublicBlobAccess = "AZSEC501";
    public const string OverBroadSas = "AZSEC502";
    public const string VulnerableEncryption = "AZSEC503";
}
