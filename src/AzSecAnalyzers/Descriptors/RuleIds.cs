namespace AzSecAnalyzers;

/// <summary>
/// Every diagnostic id the package reports. Ids are public API (users write them into
/// .editorconfig, suppressions and CI gates): never renumber or reuse one.
/// </summary>
public static class RuleIds
{
    // AZSEC3xx: AzureSecurity.Transport
    public const string CertificateValidationDisabled = "AZSEC301";

    // AZSEC4xx: AzureSecurity.Api
    public const string EndpointWithoutAuthorization = "AZSEC401";
    public const string ObjectWithoutOwnershipCheck = "AZSEC402";
    public const string TokenValidationWeakened = "AZSEC403";
    public const string PermissiveCors = "AZSEC407";
    public const string DetailedErrorsExposed = "AZSEC408";
    public const string InsecureCookie = "AZSEC409";
    public const string SensitiveFlowWithoutRateLimiting = "AZSEC412";
    public const string ApiDocumentationExposed = "AZSEC413";
}
