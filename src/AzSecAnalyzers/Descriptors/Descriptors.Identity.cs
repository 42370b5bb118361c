namespace AzSecAnalyzers;

public static partial class Descriptors
{
    public static readonly DiagnosticDescriptor AZSEC201_KeyBasedClientAuthentication = Create(
        RuleIds.KeyBasedClientAuthentication,
        title: "Azure client authenticates with a connection string or key",
        messageFormat: "{0} authenticates with {1}; use its TokenCredential overload with DefaultAzureCredential or ManagedIdentityCredential and grant the identity an Azure RBAC role",
        RuleCategories.Identity,
        DiagnosticSeverity.Warning,
        description: "Connection strings, account keys, SAS tokens and API keys are long-lived shared secrets: anyone who reads one has full access until it is rotated, and access cannot be scoped or audited per caller. Every client reported here also accepts a Microsoft Entra ID TokenCredential, which needs no secret in code or configuration.",
        cwe: 798);

    public static readonly DiagnosticDescriptor AZSEC202_SqlAuthenticationToAzureSql = Create(
        RuleIds.SqlAuthenticationToAzureSql,
        title: "SQL authentication in an Azure SQL connection string",
        messageFormat: "{0} signs in to Azure SQL with a SQL user name and password; use 'Authentication=Active Directory Default' and drop the password",
        RuleCategories.Identity,
        DiagnosticSeverity.Warning,
        description: "SQL authentication sends a long-lived password that lives in configuration, cannot use multifactor authentication and is shared by every instance. Azure SQL Database accepts Microsoft Entra ID tokens, which Microsoft.Data.SqlClient obtains itself with 'Authentication=Active Directory Default'.",
        cwe: 522);

    public static readonly DiagnosticDescriptor AZSEC203_ResourceOwnerPasswordCredentials = Create(
        RuleIds.ResourceOwnerPasswordCredentials,
        title: "Resource Owner Password Credentials flow",
        messageFormat: "{0} uses the resource owner password credentials flow, which cannot do multifactor authentication and is deprecated; use managed identity, a workload identity or an interactive flow",
        RuleCategories.Identity,
        DiagnosticSeverity.Warning,
        description: "The resource owner password credentials (ROPC) flow hands a user's password to the application, fails for accounts that require multifactor authentication (mandatory for Azure sign-ins) and is deprecated by Microsoft Entra ID.",
        cwe: 522);

    public static readonly DiagnosticDescriptor AZSEC204_DefaultAzureCredentialInProduction = Create(
        RuleIds.DefaultAzureCredentialInProduction,
        title: "DefaultAzureCredential in production code path",
        messageFormat: "{0} tries developer credentials (Azure CLI, Visual Studio, PowerShell) as well as managed identity; in production use ManagedIdentityCredential, exclude the developer credentials, or set AZURE_TOKEN_CREDENTIALS=prod",
        RuleCategories.Identity,
        DiagnosticSeverity.Hidden,
        description: "DefaultAzureCredential walks a chain of credentials and takes the first that answers. On a production host that makes the identity in use depend on the machine's state and adds latency; a specific credential such as ManagedIdentityCredential is deterministic.",
        cwe: 287,
        isEnabledByDefault: false);

    public static readonly DiagnosticDescriptor AZSEC205_RetiredAzureSdk = Create(
        RuleIds.RetiredAzureSdk,
        title: "Retired Azure SDK or authentication library",
        messageFormat: "{0} comes from the retired package {1}, which gets no security fixes; use {2}",
        RuleCategories.Identity,
        DiagnosticSeverity.Warning,
        description: "The package is deprecated on its registry and no longer maintained: vulnerabilities found in it are not fixed, and it cannot take an Azure.Core TokenCredential, so code built on it keeps connection strings and keys. Each reported client has an Azure.* successor whose constructor takes a TokenCredential (Microsoft Entra ID).",
        cwe: 1104);
}
