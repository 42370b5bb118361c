using AzSecAnalyzers.Infrastructure;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Secrets.SecretInConfigurationFileAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Secrets;

/// <summary>Passwords for local servers, private keys as JSON Web Keys, identity-based settings.</summary>
public partial class SecretInConfigurationFileAnalyzerTests
{
    private const string LocalSqlServer = "Server=127.0.0.1,1433;Database=orders;User Id=sa;Password=Pass@word1;TrustServerCertificate=true";
    private const string LocalPostgres = "Host=localhost;Port=5432;Database=orders;Username=postgres;Password=postgres";
    private const string LocalRedis = "localhost:6379,password=Rd1s-local-pass";

    [Theory]
    [InlineData(LocalSqlServer, "database password (Password=\u2026)")]
    [InlineData(LocalPostgres, "database password (Password=\u2026)")]
    [InlineData(LocalRedis, "Azure Cache for Redis password (password=\u2026)")]
    public Task LocalServerPassword_InAppSettings_Triggers(string value, string kind)
        => VerifyAsync("/0/appsettings.json", Json("ConnectionStrings", "Default", value),
            InJson("/0/appsettings.json", "ConnectionStrings", "Default", value, kind));

    [Theory]
    [InlineData("Stripe", "ApiKey")]
    [InlineData("Storage", "ConnectionString")]
    [InlineData("BitPay", "Token")]
    public Task SecretWordInCapitals_IsTheTemplatesStandIn_DoesNotTrigger(string section, string key)
        => VerifyAsync("/0/appsettings.json", Json(section, key, "SECRET"));

    [Fact]
    public Task SecretWordAsWritten_InAppSettings_Triggers()
        => VerifyAsync("/0/appsettings.json", Json("Authentication", "ClientSecret", "secret"),
            InJson("/0/appsettings.json", "Authentication", "ClientSecret", "secret", NamedValue));

    [Fact]
    public Task LocalServerPassword_InWebConfig_Triggers()
    {
        const string value = "Data Source=.;Initial Catalog=orders;User ID=sa;Password=Local!Pass1";
        const string text = $$"""
            <configuration>
              <connectionStrings>
                <add name="Default" connectionString="{{value}}" />
              </connectionStrings>
            </configuration>
            """;
        return VerifyAsync("/0/Web.config", text,
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/Web.config", 3, 43, 3, 43 + value.Length)
                .WithArguments("database password (Password=\u2026)", "Web.config", "ConnectionStrings:Default"));
    }

    [Theory]
    [InlineData("/0/appsettings.Development.json", LocalSqlServer)]
    [InlineData("/0/appsettings.Development.json", LocalRedis)]
    [InlineData("/0/local.settings.json", LocalPostgres)]
    [InlineData("/0/secrets.json", LocalSqlServer)]
    public Task LocalServerPassword_InALocalDevelopmentFile_DoesNotTrigger(string file, string value)
        => VerifyAsync(file, Json("ConnectionStrings", "Default", value));

    [Theory]
    [InlineData("Redis", "localhost:6379")]
    [InlineData("RedisConnectionString", "redis:6379,abortConnect=false")]
    [InlineData("StorageAccountKey", "<storage-account-key")]
    [InlineData("Password", ".. ask the team")]
    [InlineData("AzureWebJobsStorage__credential", "managedidentity")]
    [InlineData("ServiceBusConnection__clientId", "3f1c2a9e-7b4d-4e8a-9c1f-0d2e6b5a4c3d")]
    [InlineData("ServiceBusConnection__fullyQualifiedNamespace", "contoso.servicebus.windows.net")]
    [InlineData("AzureWebJobsStorage__serviceUri", "https://contoso.blob.core.windows.net")]
    [InlineData("AZURE_TOKEN_CREDENTIALS", "dev")]
    [InlineData("credential", "managedidentity")]
    public Task IdentityBasedSettingOrServerWithoutCredential_DoesNotTrigger(string key, string value)
        => VerifyAsync("/0/appsettings.json", Json("Values", key, value));

    private static string KeyMaterial(int seed, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var random = new Random(seed);
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }

    [Fact]
    public Task RsaPrivateKeyAsJsonWebKeyMembers_TriggersOnceOnTheFirstPrivateMember()
    {
        var modulus = KeyMaterial(1, 342);
        var exponent = KeyMaterial(2, 342);
        var prime = KeyMaterial(3, 171);
        var text = $$"""
            {
              "SigningKey": {
                "kty": "RSA",
                "n": "{{modulus}}",
                "e": "AQAB",
                "d": "{{exponent}}",
                "p": "{{prime}}",
                "q": "{{KeyMaterial(4, 171)}}",
                "dp": "{{KeyMaterial(5, 171)}}",
                "dq": "{{KeyMaterial(6, 171)}}",
                "qi": "{{KeyMaterial(7, 171)}}"
              }
            }
            """;
        return VerifyAsync("/0/appsettings.json", text,
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/appsettings.json", 6, 11, 6, 11 + exponent.Length)
                .WithArguments("RSA private key (JSON Web Key member 'd')", "appsettings.json", "SigningKey:d"));
    }

    [Fact]
    public Task PrivateJsonWebKeyWrittenAsText_Triggers()
    {
        var jwk = "{\\\"kty\\\":\\\"EC\\\",\\\"crv\\\":\\\"P-256\\\",\\\"d\\\":\\\"" + KeyMaterial(8, 43) + "\\\"}";
        return VerifyAsync("/0/appsettings.json", Json("Signing", "Jwk", jwk),
            InJson("/0/appsettings.json", "Signing", "Jwk", jwk, "Private key (JSON Web Key with member 'd')"));
    }

    [Fact]
    public Task PublicJsonWebKey_OrPlaceholderMembers_DoNotTrigger()
        => VerifyAsync("/0/appsettings.json", $$"""
            {
              "ValidationKey": { "kty": "RSA", "n": "{{KeyMaterial(9, 342)}}", "e": "AQAB", "kid": "{{KeyMaterial(10, 22)}}" },
              "TemplateKey": { "kty": "RSA", "d": "<private-exponent>", "p": "...", "q": "" },
              "Claims": { "d": "{{KeyMaterial(11, 64)}}" }
            }
            """);
}
