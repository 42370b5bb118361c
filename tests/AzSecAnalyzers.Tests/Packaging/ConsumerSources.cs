using AzSecAnalyzers.Tests.Infrastructure;

namespace AzSecAnalyzers.Tests.Packaging;

/// <summary>The throw-away project a user would write: net8.0, one PackageReference to AzSecAnalyzers.</summary>
internal static class ConsumerSources
{
    /// <summary>Line and column (1-based) of the AZSEC301 finding in <see cref="Insecure"/>.</summary>
    public const int FindingLine = 10;
    public const int FindingColumn = 9;

    public const string Project = $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net8.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>disable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="AzSecAnalyzers" Version="{PackedPackageFixture.PackageVersion}" PrivateAssets="all" />
          </ItemGroup>
          <!-- The package's buildTransitive props must be in effect. -->
          <Target Name="CheckAzSecProps" BeforeTargets="Build">
            <Error Condition="'$(AzSecAnalyzersImported)' != 'true'" Text="buildTransitive/AzSecAnalyzers.props was not imported" />
          </Target>
        </Project>
        """;

    public const string Insecure = """
        using System.Net.Http;

        namespace Consumer;

        public static class PricingClient
        {
            public static HttpClient Create()
            {
                var handler = new HttpClientHandler();
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true;
                handler.MaxConnectionsPerServer = 8;
                return new HttpClient(handler);
            }
        }
        """;

    public const string Suppressed = """
        using System.Diagnostics.CodeAnalysis;
        using System.Net.Http;

        namespace Consumer;

        public static class LocalTestServer
        {
            public static HttpClientHandler WithPragma()
            {
                var handler = new HttpClientHandler();
        #pragma warning disable AZSEC301 // Throw-away TLS server in an integration test.
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true;
        #pragma warning restore AZSEC301
                return handler;
            }

            [SuppressMessage("AzureSecurity.Transport", "AZSEC301", Justification = "Throw-away TLS server in an integration test.")]
            public static HttpClientHandler WithAttribute()
            {
                var handler = new HttpClientHandler();
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true;
                return handler;
            }
        }
        """;

    /// <summary>An invented storage key in source: the build must report it without printing it (logs are public).</summary>
    public const string Secret = $$"""
        namespace Consumer;

        internal static class Archive
        {
            public const string ConnectionString = "{{TestSecrets.StorageConnectionString}}";
        }
        """;

    /// <summary>Line and column (1-based) of the AZSEC104 finding in <see cref="AppSettings"/>: the value of ConnectionStrings:Orders.</summary>
    public const int AppSettingsFindingLine = 4;
    public const int AppSettingsFindingColumn = 16;

    /// <summary>An appsettings.json with an invented Service Bus key (AZSEC104) and look-alikes that must stay silent.</summary>
    public const string AppSettings = $$"""
        {
          "ConnectionStrings": {
            "Reports": "@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/reports/)",
            "Orders": "{{TestSecrets.ServiceBusConnectionString}}",
            "Local": "UseDevelopmentStorage=true"
          }
        }
        """;
}
