using Microsoft.CodeAnalysis;

namespace AzSecAnalyzers;

public static partial class Descriptors
{
    public static readonly DiagnosticDescriptor AZSEC301_CertificateValidationDisabled = Create(
        RuleIds.CertificateValidationDisabled,
        title: "Server certificate validation disabled",
        messageFormat: "{0} accepts every server certificate; remove the override so the platform validates the certificate chain and host name",
        RuleCategories.Transport,
        DiagnosticSeverity.Warning,
        description: "A certificate validation callback that returns true without looking at the SSL policy errors or the certificate turns TLS into plain text for anyone on the network path. Azure services present publicly trusted certificates; no override is needed to reach them.",
        cwe: 295);
}
