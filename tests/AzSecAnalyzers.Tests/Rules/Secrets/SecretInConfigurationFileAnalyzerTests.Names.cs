using AzSecAnalyzers.Infrastructure.ConfigFiles;
using AzSecAnalyzers.Tests.Infrastructure;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Secrets.SecretInConfigurationFileAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Secrets;

/// <summary>Secrets stored as names (API-key maps, <c>&lt;add key="…"&gt;</c>) and the paths the message shows.</summary>
public partial class SecretInConfigurationFileAnalyzerTests
{
    [Fact]
    public Task ApiKeyMap_WithAShapedSecretAsTheName_ReportsTheName_AndRedactsThePath()
    {
        var text = $$"""
            {
              "ApiKeys": {
                "{{TestSecrets.EntraSecret}}": { "Owner": "orders-app", "Scopes": "read" }
              }
            }
            """;
        return VerifyAsync("/0/appsettings.json", text,
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/appsettings.json", 3, 6, 3, 6 + TestSecrets.EntraSecret.Length)
                .WithArguments("Microsoft Entra client secret (XRZ8\u2026) used as a name", "appsettings.json", "ApiKeys:XRZ8\u2026"));
    }

    [Fact]
    public Task ApiKeyMap_WithARandomTokenAsTheName_UnderASecretNamedKey_Triggers()
        => VerifyAsync("/0/appsettings.json", """
            {
              "ApiKeys": {
                "k9Qw2Zp7Lm4Xr8Tn": { "Owner": "orders-app" }
              }
            }
            """,
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/appsettings.json", 3, 6, 3, 22)
                .WithArguments("A random-looking name under a key named like a secret", "appsettings.json", "ApiKeys:\u2026"));

    [Fact]
    public Task ValueUnderASecretShapedName_ShowsTheRedactedPath()
    {
        var text = $$"""
            {
              "Clients": {
                "{{TestSecrets.EntraSecret}}": { "Password": "S3cure-Passw0rd" }
              }
            }
            """;
        var valueColumn = 6 + TestSecrets.EntraSecret.Length + 18;
        return VerifyAsync("/0/appsettings.json", text,
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/appsettings.json", 3, 6, 3, 6 + TestSecrets.EntraSecret.Length)
                .WithArguments("Microsoft Entra client secret (XRZ8\u2026) used as a name", "appsettings.json", "Clients:XRZ8\u2026"),
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/appsettings.json", 3, valueColumn, 3, valueColumn + 15)
                .WithArguments(NamedValue, "appsettings.json", "Clients:XRZ8\u2026:Password"));
    }

    [Fact]
    public Task AppSetting_WithTheSecretAsItsKey_ReportsTheKey_AndRedactsThePath()
    {
        var text = $$"""
            <configuration>
              <appSettings>
                <add key="{{TestSecrets.EntraSecret}}" value="orders-app" />
              </appSettings>
            </configuration>
            """;
        return VerifyAsync("/0/web.config", text,
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/web.config", 3, 15, 3, 15 + TestSecrets.EntraSecret.Length)
                .WithArguments("Microsoft Entra client secret (XRZ8\u2026) used as a name", "web.config", "AppSettings:XRZ8\u2026"));
    }

    [Fact]
    public Task OrdinaryNames_AndRandomNamesOutsideSecretKeys_DoNotTrigger()
        => VerifyAsync("/0/appsettings.json", """
            {
              "Password": { "MinLength": "12" },
              "Tenants": { "3f2504e0-4f89-11d3-9a0c-0305e82c3301": { "Name": "Contoso" } },
              "ApiKeys": { "Primary": { "Owner": "orders-app" } },
              "Logging": { "LogLevel": { "Microsoft.AspNetCore": "Warning" } }
            }
            """);

    [Theory]
    [InlineData("ConnectionStrings:Orders", "ConnectionStrings:Orders")]
    [InlineData("Values:AzureWebJobsStorage", "Values:AzureWebJobsStorage")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_CONNECTION_STRING")]
    [InlineData("Serilog:WriteTo:0:Args", "Serilog:WriteTo:0:Args")]
    [InlineData("Tenants:3f2504e0-4f89-11d3-9a0c-0305e82c3301:Name", "Tenants:3f25\u2026:Name")]
    [InlineData("ApiKeys:k9Qw2Zp7Lm4Xr8Tn", "ApiKeys:\u2026")]
    [InlineData("Keys:" + TestSecrets.StorageKey + ":Owner", "Keys:UvIm\u2026:Owner")]
    [InlineData("Map:" + TestSecrets.SqlConnectionString, "Map:Server=tcp:cont\u2026")]
    public void ForDisplay_RedactsSecretLikeSegmentsOnly(string path, string shown)
        => Assert.Equal(shown, ConfigurationPaths.ForDisplay(path));
}
