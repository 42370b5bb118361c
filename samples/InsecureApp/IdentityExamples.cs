using Azure.Identity;
using Microsoft.Data.SqlClient;
using Microsoft.IdentityModel.Clients.ActiveDirectory;

namespace InsecureApp;

/// <summary>The orders database and the nightly export job, signing in with passwords where Microsoft Entra ID belongs.</summary>
public static class IdentityExamples
{
    // AZSEC202: a SQL login against Azure SQL instead of Authentication=Active Directory Default.
    public static SqlConnection OpenOrdersDatabase(string password) => new(new SqlConnectionStringBuilder
    {
        DataSource = "tcp:contoso-orders.database.windows.net,1433",
        InitialCatalog = "orders",
        UserID = "orders_app",
        Password = password,
    }.ConnectionString);

    // AZSEC203: the resource owner password flow for a "service account" (no MFA possible).
#pragma warning disable CS0618 // UsernamePasswordCredential is obsolete, which is the point.
    public static UsernamePasswordCredential ExportJobCredential(string user, string password)
        => new(user, password, "contoso.onmicrosoft.com", "00000000-0000-0000-0000-00000000e001");
#pragma warning restore CS0618

    // AZSEC205: ADAL, retired and without security fixes, still issuing the export job's tokens.
    public static AuthenticationContext ExportTokenIssuer() => new("https://login.microsoftonline.com/contoso.onmicrosoft.com");
}
