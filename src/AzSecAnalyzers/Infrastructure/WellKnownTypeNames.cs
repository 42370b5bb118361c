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

    // Azure SDK
    public const string CosmosClientOptions = "Microsoft.Azure.Cosmos.CosmosClientOptions";

    // Hosting (development-environment guards)
    public const string HostEnvironmentEnvExtensions = "Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions";
    public const string HostingEnvironmentExtensions = "Microsoft.AspNetCore.Hosting.HostingEnvironmentExtensions";

    // Secrets: credential APIs whose secret parameter must not receive a literal (AZSEC102)
    public const string ClientSecretCredential = "Azure.Identity.ClientSecretCredential";
    public const string UsernamePasswordCredential = "Azure.Identity.UsernamePasswordCredential";
    public const string StorageSharedKeyCredential = "Azure.Storage.StorageSharedKeyCredential";
    public const string AzureKeyCredential = "Azure.AzureKeyCredential";
    public const string ApiKeyCredential = "System.ClientModel.ApiKeyCredential";
    public const string AzureNamedKeyCredential = "Azure.AzureNamedKeyCredential";
    public const string AzureSasCredential = "Azure.AzureSasCredential";
    public const string CosmosClient = "Microsoft.Azure.Cosmos.CosmosClient";
    public const string CosmosClientBuilder = "Microsoft.Azure.Cosmos.Fluent.CosmosClientBuilder";
    public const string NetworkCredential = "System.Net.NetworkCredential";
    public const string SqlCredential = "Microsoft.Data.SqlClient.SqlCredential";
    public const string SymmetricSecurityKey = "Microsoft.IdentityModel.Tokens.SymmetricSecurityKey";
    public const string X509Certificate2 = "System.Security.Cryptography.X509Certificates.X509Certificate2";
    public const string X509CertificateLoader = "System.Security.Cryptography.X509Certificates.X509CertificateLoader";
    public const string ConfidentialClientApplicationBuilder = "Microsoft.Identity.Client.ConfidentialClientApplicationBuilder";
    public const string Encoding = "System.Text.Encoding";
    public const string Convert = "System.Convert";

    // Secrets: what the Key Vault code fix reads from
    public const string IConfiguration = "Microsoft.Extensions.Configuration.IConfiguration";
    public const string SecretClient = "Azure.Security.KeyVault.Secrets.SecretClient";
    public const string DefaultAzureCredential = "Azure.Identity.DefaultAzureCredential";
}
