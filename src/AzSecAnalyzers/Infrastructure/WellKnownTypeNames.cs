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
}
