namespace AzSecAnalyzers.Infrastructure;

/// <summary>Metadata names of the framework and SDK types the rules recognise, in one place.</summary>
internal static class WellKnownTypeNames
{
    // System.Net / TLS
    public const string HttpClientHandler = "System.Net.Http.HttpClientHandler";
    public const string WinHttpHandler = "System.Net.Http.WinHttpHandler";
    public const string HttpWebRequest = "System.Net.HttpWebRequest";
    public const string ServicePointManager = "System.Net.ServicePointManager";
    public const string SslClientAuthenticationOptions = "System.Net.Security.SslClientAuthenticationOptions";
    public const string RemoteCertificateValidationCallback = "System.Net.Security.RemoteCertificateValidationCallback";
    public const string SslPolicyErrors = "System.Net.Security.SslPolicyErrors";

    // TLS protocol versions, revocation and plain-text endpoints (AZSEC302-304)
    public const string SslProtocols = "System.Security.Authentication.SslProtocols";
    public const string SecurityProtocolType = "System.Net.SecurityProtocolType";
    public const string SslServerAuthenticationOptions = "System.Net.Security.SslServerAuthenticationOptions";
    public const string SslStream = "System.Net.Security.SslStream";
    public const string X509ChainPolicy = "System.Security.Cryptography.X509Certificates.X509ChainPolicy";
    public const string X509RevocationMode = "System.Security.Cryptography.X509Certificates.X509RevocationMode";
    public const string KestrelHttpsConnectionAdapterOptions = "Microsoft.AspNetCore.Server.Kestrel.Https.HttpsConnectionAdapterOptions";
    public const string SasProtocol = "Azure.Storage.Sas.SasProtocol";
    public const string TableSasProtocol = "Azure.Data.Tables.Sas.TableSasProtocol";
    public const string SqlConnectionStringBuilder = "Microsoft.Data.SqlClient.SqlConnectionStringBuilder";
    public const string SqlConnectionEncryptOption = "Microsoft.Data.SqlClient.SqlConnectionEncryptOption";
    public const string JwtBearerOptions = "Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions";
    public const string OpenIdConnectOptions = "Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions";
    public const string HttpDocumentRetriever = "Microsoft.IdentityModel.Protocols.HttpDocumentRetriever";

    // Azure SDK
    public const string CosmosClientOptions = "Microsoft.Azure.Cosmos.CosmosClientOptions";

    // Identity (AZSEC2xx); the client types themselves are listed in Rules/Identity/KeyBasedClientTable.cs
    public const string TokenCredential = "Azure.Core.TokenCredential";
    public const string AzureKeyCredential = "Azure.AzureKeyCredential";
    public const string AzureNamedKeyCredential = "Azure.AzureNamedKeyCredential";
    public const string AzureSasCredential = "Azure.AzureSasCredential";
    public const string ApiKeyCredential = "System.ClientModel.ApiKeyCredential";
    public const string StorageSharedKeyCredential = "Azure.Storage.StorageSharedKeyCredential";
    public const string TableSharedKeyCredential = "Azure.Data.Tables.TableSharedKeyCredential";
    public const string DefaultAzureCredential = "Azure.Identity.DefaultAzureCredential";
    public const string DefaultAzureCredentialOptions = "Azure.Identity.DefaultAzureCredentialOptions";
    public const string ManagedIdentityCredential = "Azure.Identity.ManagedIdentityCredential";
    public const string UsernamePasswordCredential = "Azure.Identity.UsernamePasswordCredential";
    public const string IConfiguration = "Microsoft.Extensions.Configuration.IConfiguration";
    public const string ConfigurationExtensions = "Microsoft.Extensions.Configuration.ConfigurationExtensions";
    public const string ConfigurationBinder = "Microsoft.Extensions.Configuration.ConfigurationBinder";
    public const string SqlConnection = "Microsoft.Data.SqlClient.SqlConnection";
    public const string LegacySqlConnection = "System.Data.SqlClient.SqlConnection";
    public const string LegacySqlConnectionStringBuilder = "System.Data.SqlClient.SqlConnectionStringBuilder";
    public const string SqlServerDbContextOptionsExtensions = "Microsoft.EntityFrameworkCore.SqlServerDbContextOptionsExtensions";

    // Hosting (development-environment guards)
    public const string HostEnvironmentEnvExtensions = "Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions";
    public const string HostingEnvironmentExtensions = "Microsoft.AspNetCore.Hosting.HostingEnvironmentExtensions";
}
