namespace AzSecAnalyzers;

public static partial class Descriptors
{
    public static readonly DiagnosticDescriptor AZSEC501_PublicBlobAccess = Create(
        RuleIds.PublicBlobAccess,
        title: "Anonymous public access to blob data",
        messageFormat: "{0} passes PublicAccessType.{1}, which lets anyone on the internet read {2} without credentials; use PublicAccessType.None and hand out user delegation SAS or use Microsoft Entra ID for readers",
        RuleCategories.Data,
        DiagnosticSeverity.Warning,
        description: "A container created or updated with PublicAccessType.Blob or PublicAccessType.BlobContainer serves its blobs (and with BlobContainer its listing) to anonymous callers. Data becomes public the moment the storage account allows blob public access, and nothing in the logs ties the reads to anyone.",
        cwe: 284);

    public static readonly DiagnosticDescriptor AZSEC502_OverBroadSas = Create(
        RuleIds.OverBroadSas,
        title: "Over-broad or long-lived SAS",
        messageFormat: "{0} {1}; grant only the permissions and lifetime the caller needs, and sign a service SAS with a user delegation key (GetUserDelegationKey + BlobSasBuilder.ToSasQueryParameters(userDelegationKey, accountName)) instead of the account key",
        RuleCategories.Data,
        DiagnosticSeverity.Warning,
        description: "A shared access signature is a bearer token: whoever holds the URL has its permissions until it expires, and a SAS signed with the account key can only be revoked by rotating that key. Grant the fewest permissions for the shortest time, and prefer a user delegation SAS, which is signed with Microsoft Entra ID credentials, lasts at most seven days and can be revoked.",
        cwe: 732);

    public static readonly DiagnosticDescriptor AZSEC503_VulnerableEncryption = Create(
        RuleIds.VulnerableEncryption,
        title: "Vulnerable client-side encryption",
        messageFormat: "{0} {1}; {2}",
        RuleCategories.Data,
        DiagnosticSeverity.Warning,
        description: "Azure Storage client-side encryption version 1.0 uses AES-CBC without integrity protection and is open to padding-oracle attacks (CVE-2022-30187). RSA keys under 2048 bits, the ECB cipher mode and the DES, Triple DES and RC2 ciphers no longer protect data at rest.",
        cwe: 327);
}
