namespace AzSecAnalyzers;

public static partial class Descriptors
{
    public static readonly DiagnosticDescriptor AZSEC301_CertificateValidationDisabled = Create(
        RuleIds.CertificateValidationDisabled,
        title: "Server certificate validation disabled",
        messageFormat: "{0} accepts every server certificate; remove the override so the platform validates the certificate chain and host name",
        RuleCategories.Transport,
        DiagnosticSeverity.Warning,
        description: "A certificate validation callback that returns true without looking at the SSL policy errors or the certificate, or that trusts any certificate carrying a given subject or issuer name (which anyone can put in a self-signed certificate), turns TLS into plain text for anyone on the network path. Azure services present publicly trusted certificates; no override is needed to reach them.",
        cwe: 295);

    public static readonly DiagnosticDescriptor AZSEC302_ObsoleteTlsProtocol = Create(
        RuleIds.ObsoleteTlsProtocol,
        title: "Obsolete TLS/SSL protocol version",
        messageFormat: "{0} enables {1}; let the operating system choose the protocol version, or allow only TLS 1.2 and TLS 1.3",
        RuleCategories.Transport,
        DiagnosticSeverity.Warning,
        description: "SSL 2.0, SSL 3.0, TLS 1.0 and TLS 1.1 have known weaknesses and are retired by Azure services. Pinning them, alone or next to TLS 1.2, keeps a downgrade path open and stops the application from picking up newer versions the operating system supports.",
        cwe: 327);

    public static readonly DiagnosticDescriptor AZSEC303_UnencryptedAzureConnection = Create(
        RuleIds.UnencryptedAzureConnection,
        title: "Unencrypted connection to an Azure service",
        messageFormat: "{0}; {1}",
        RuleCategories.Transport,
        DiagnosticSeverity.Warning,
        description: "An Azure endpoint reached over plain HTTP, a SQL connection without encryption or without server certificate validation, a Redis connection without TLS, a SAS usable over HTTP or OpenID Connect metadata fetched over HTTP exposes keys, tokens and data to anyone on the network path.",
        cwe: 319);

    public static readonly DiagnosticDescriptor AZSEC304_RevocationCheckDisabled = Create(
        RuleIds.RevocationCheckDisabled,
        title: "Certificate revocation check disabled",
        messageFormat: "{0} turns off certificate revocation checking; check revocation online (true / X509RevocationMode.Online) so revoked certificates are rejected",
        RuleCategories.Transport,
        DiagnosticSeverity.Info,
        description: "Without a revocation check a TLS peer can keep using a certificate after its private key was compromised and the certificate was revoked.",
        cwe: 299);
}
