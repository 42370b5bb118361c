using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Rules.Secrets;
using AzSecAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Secrets.SecretInConfigurationFileAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Secrets;

public partial class SecretInConfigurationFileAnalyzerTests
{
    private const string NamedValue = "A value under a key named like a secret";

    /// <summary>A JSON file with one value at line 3: <c>{ "Section": { "Key": "value" } }</c>.</summary>
    private static string Json(string section, string key, string value) => $$"""
        {
          "{{section}}": {
            "{{key}}": "{{value}}"
          }
        }
        """;

    /// <summary>The value of <see cref="Json"/>: line 3, after four spaces, the quoted key, <c>: "</c>.</summary>
    private static DiagnosticResult InJson(string file, string section, string key, string rawValue, string kind)
        => Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile)
            .WithSpan(file, 3, 10 + key.Length, 3, 10 + key.Length + rawValue.Length)
            .WithArguments(kind, Path.GetFileName(file), section + ":" + key);

    private static Task VerifyAsync(string file, string text, params DiagnosticResult[] expected)
        => VerifyAsync(new[] { (file, text) }, null, expected);

    private static Task VerifyAsync((string File, string Text)[] files, string? globalConfig, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = "class C { }", NetCoreOnly = true };
        foreach (var file in files)
        {
            test.TestState.AdditionalFiles.Add((file.File, file.Text));
        }

        if (globalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig + "\n"));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static TheoryData<string, string, string> ShapedSecrets() => new()
    {
        // key, value, kind shown in the message
        { "Storage", TestSecrets.StorageConnectionString, "Azure Storage account key (AccountKey=UvIm\u2026)" },
        { "Cosmos", TestSecrets.CosmosConnectionString, "Azure Cosmos DB account key (AccountKey=jLYQ\u2026)" },
        { "Orders", TestSecrets.ServiceBusConnectionString, "Service Bus / Event Hubs / Relay shared access key (SharedAccessKey=lMx0\u2026)" },
        { "Sql", TestSecrets.SqlConnectionString, "database password (Password=\u2026)" },
        { "Receipts", TestSecrets.SasUrl, "shared access signature (SAS) token (sig=entP\u2026)" },
        { "AppConfig", "Endpoint=https://contoso.azconfig.io;Id=Ab12-l9-s0:Qp7Zx2;Secret=" + TestSecrets.AppConfigSecret, "Azure App Configuration access key (Secret=W67i\u2026)" },
        { "Redis", "contoso.redis.cache.windows.net:6380,password=Vq3kZr8tLx2mNw9p,ssl=True,abortConnect=False", "Azure Cache for Redis password (password=\u2026)" },
    };

    [Theory]
    [MemberData(nameof(ShapedSecrets))]
    public Task ConnectionStringWithCredential_InAppSettings_Triggers(string key, string value, string kind)
        => VerifyAsync("/0/appsettings.json", Json("ConnectionStrings", key, value), InJson("/0/appsettings.json", "ConnectionStrings", key, value, kind));

    [Fact]
    public Task EntraClientSecret_UnderAnyKey_Triggers()
        => VerifyAsync("/0/appsettings.json", Json("AzureAd", "ClientCredential", TestSecrets.EntraSecret),
            InJson("/0/appsettings.json", "AzureAd", "ClientCredential", TestSecrets.EntraSecret, "Microsoft Entra client secret (XRZ8\u2026)"));

    [Fact]
    public Task IdentifiableKey_Triggers()
    {
        var key = TestSecrets.AzureAIServicesKey();
        return VerifyAsync("/0/appsettings.json", Json("OpenAI", "Endpoint2", key),
            InJson("/0/appsettings.json", "OpenAI", "Endpoint2", key, "Azure AI services key (" + key.Substring(0, 4) + "\u2026)"));
    }

    [Fact]
    public Task BareAccountKey_UnderAKeyNamedKey_Triggers()
        => VerifyAsync("/0/appsettings.json", Json("Storage", "AccountKey", TestSecrets.StorageKey),
            InJson("/0/appsettings.json", "Storage", "AccountKey", TestSecrets.StorageKey, "Azure account key (64-byte, base64) (UvIm\u2026)"));

    [Fact]
    public Task PemPrivateKey_WithEscapedNewLines_Triggers()
    {
        var raw = TestSecrets.PemKey.Replace("\n", "\\n");
        return VerifyAsync("/0/appsettings.json", Json("Signing", "Pem", raw),
            InJson("/0/appsettings.json", "Signing", "Pem", raw, "PEM private key (-----BEGIN PRIVATE KEY-----)"));
    }

    [Fact]
    public Task UnicodeEscapedSecret_IsDecoded_AndTheSpanIsTheTextAsWritten()
    {
        var raw = TestSecrets.ServiceBusConnectionString.Replace("SharedAccessKey=", "SharedAccessKey\\u003d");
        return VerifyAsync("/0/appsettings.json", Json("ConnectionStrings", "Bus", raw),
            InJson("/0/appsettings.json", "ConnectionStrings", "Bus", raw, "Service Bus / Event Hubs / Relay shared access key (SharedAccessKey=lMx0\u2026)"));
    }

    [Fact]
    public Task LocalSettingsJson_AzureWebJobsStorage_Triggers()
        => VerifyAsync("/0/local.settings.json", Json("Values", "AzureWebJobsStorage", TestSecrets.StorageConnectionString),
            InJson("/0/local.settings.json", "Values", "AzureWebJobsStorage", TestSecrets.StorageConnectionString, "Azure Storage account key (AccountKey=UvIm\u2026)"));

    [Theory]
    [InlineData("/0/secrets.json")]
    [InlineData("/0/appsettings.Production.json")]
    [InlineData("/0/config/appsecrets.json")]
    public Task OtherConfigurationJsonNames_Trigger(string file)
        => VerifyAsync(file, Json("Bus", "Connection", TestSecrets.ServiceBusConnectionString),
            InJson(file, "Bus", "Connection", TestSecrets.ServiceBusConnectionString, "Service Bus / Event Hubs / Relay shared access key (SharedAccessKey=lMx0\u2026)"));

    [Theory]
    [InlineData("Password", "S3cure-Passw0rd")]
    [InlineData("ClientSecret", "pr0d-Cl1ent-Val")]
    [InlineData("ApiKey", "4f6c1b9e2a7d4c3b8e5f")]
    [InlineData("SigningToken", "k9Qw2Zp7Lm4Xr8Tn")]
    [InlineData("DB_PASSWORD", "hunter2")]
    [InlineData("Password", "changeme")]
    public Task KeyNamedLikeASecret_WithARealValue_Triggers(string key, string value)
        => VerifyAsync("/0/appsettings.json", Json("Smtp", key, value), InJson("/0/appsettings.json", "Smtp", key, value, NamedValue));

    [Fact]
    public Task ArrayOfSecrets_ReportsEachElement_WithItsIndex()
    {
        const string text = """
            {
              "ApiKeys": [ "k9Qw2Zp7Lm4Xr8Tn", "Zp7Lm4Xr8Tnk9Qw2" ]
            }
            """;
        return VerifyAsync("/0/appsettings.json", text,
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/appsettings.json", 2, 17, 2, 33).WithArguments(NamedValue, "appsettings.json", "ApiKeys:0"),
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/appsettings.json", 2, 37, 2, 53).WithArguments(NamedValue, "appsettings.json", "ApiKeys:1"));
    }

    [Theory]
    [InlineData("Password", "")]
    [InlineData("Password", "<your-password>")]
    [InlineData("ApiKey", "${API_KEY}")]
    [InlineData("ApiKey", "#{ApiKey}#")]
    [InlineData("ClientSecret", "__CLIENT_SECRET__")]
    [InlineData("ClientSecret", "[Enter the client secret]")]
    [InlineData("ClientSecret", "Enter_the_Client_Secret_Here")]
    [InlineData("ApiKey", "your-api-key")]
    [InlineData("Password", "******")]
    [InlineData("ConnectionString", "@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/orders/)")]
    [InlineData("ConnectionString", "@Microsoft.KeyVault(VaultName=contoso-kv;SecretName=orders)")]
    [InlineData("Secret", "@Microsoft.AppConfiguration(Endpoint=https://contoso.azconfig.io; Key=orders)")]
    [InlineData("StorageConnectionString", "UseDevelopmentStorage=true")]
    [InlineData("StorageConnectionString", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;")]
    [InlineData("CosmosConnectionString", "AccountEndpoint=https://localhost:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==")]
    [InlineData("AccountKey", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==")]
    [InlineData("ConnectionString", "Server=tcp:contoso.database.windows.net,1433;Database=orders;Authentication=Active Directory Default;Encrypt=True")]
    [InlineData("ConnectionString", "Server=(localdb)\\\\mssqllocaldb;Database=orders;Trusted_Connection=True;MultipleActiveResultSets=true")]
    [InlineData("ConnectionString", "Endpoint=https://contoso.servicebus.windows.net/")]
    [InlineData("InstrumentationKey", "6f5c0e4b-6b8e-4d6e-9a4e-2f3f2f1a0b7c")]
    [InlineData("ConnectionString", "InstrumentationKey=6f5c0e4b-6b8e-4d6e-9a4e-2f3f2f1a0b7c;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/")]
    [InlineData("TokenEndpoint", "https://login.microsoftonline.com/common/oauth2/v2.0/token")]
    [InlineData("ApiKey", "https://api.contoso.com/")]
    [InlineData("Password", "Enter your password:")]
    [InlineData("Password", "true")]
    [InlineData("CertificatePassword", "/certs/app.pfx")]
    [InlineData("SigningKey", "./keys/signing.pem")]
    [InlineData("Secret", "C:\\\\keys\\\\app.pfx")]
    [InlineData("ClientSecret", "AZURE_CLIENT_SECRET")]
    [InlineData("SecretName", "orders-connection")]
    [InlineData("PasswordPolicy", "Strong")]
    [InlineData("AzureWebJobsSecretStorageType", "files")]
    [InlineData("Instance", "https://login.microsoftonline.com/")]
    public Task LookAlike_DoesNotTrigger(string key, string value)
        => VerifyAsync("/0/appsettings.json", Json("Section", key, value));

    [Fact]
    public Task ApplicationInsightsSection_DoesNotTrigger()
        => VerifyAsync("/0/appsettings.json", Json("ApplicationInsights", "ConnectionString", "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://x.in.applicationinsights.azure.com/"));

    [Fact]
    public Task FunctionsApplicationInsightsSetting_DoesNotTrigger()
        => VerifyAsync("/0/local.settings.json", Json("Values", "APPINSIGHTS_INSTRUMENTATIONKEY", "6f5c0e4b-6b8e-4d6e-9a4e-2f3f2f1a0b7c"));

    [Theory]
    [InlineData("/0/settings.json")]
    [InlineData("/0/Properties/launchSettings.json")]
    [InlineData("/0/package.json")]
    [InlineData("/0/appsettings.json.bak")]
    [InlineData("/0/notes.txt")]
    [InlineData("/0/Settings.xml")]
    public Task OtherFileNames_AreIgnored(string file)
        => VerifyAsync(file, Json("ConnectionStrings", "Storage", TestSecrets.StorageConnectionString));

    [Fact]
    public Task DevelopmentFile_ReportsShapedSecrets_ButNotNamedValues()
    {
        const string text = """
            {
              "Jwt": { "SigningKey": "dev-only-signing-key-1234567890" },
              "Smtp": { "Password": "localdev" },
              "Bus": "Endpoint=sb://contoso-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=lMx0EdcX8UV5sqoQD7uzT6WT/q7Scki3YuOrWAXwdlo="
            }
            """;
        return VerifyAsync("/0/appsettings.Development.json", text,
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/appsettings.Development.json", 4, 11, 4, 170)
                .WithArguments("Service Bus / Event Hubs / Relay shared access key (SharedAccessKey=lMx0\u2026)", "appsettings.Development.json", "Bus"));
    }

    [Fact]
    public Task WebConfig_ConnectionStringAndAppSetting_Trigger()
    {
        var text = $$"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <connectionStrings>
                <add name="Storage" connectionString="{{TestSecrets.StorageConnectionString}}" />
                <add name="Sql" connectionString="Server=tcp:contoso.database.windows.net;Database=orders;Authentication=Active Directory Default" />
              </connectionStrings>
              <appSettings>
                <add key="ApiKey" value="k9Qw2Zp7Lm4Xr8Tn" />
                <add key="ApiKeyName" value="x-api-key" />
                <add key="webpages:Version" value="3.0.0.0" />
              </appSettings>
            </configuration>
            """;
        return VerifyAsync("/0/Web.config", text,
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/Web.config", 4, 43, 4, 43 + TestSecrets.StorageConnectionString.Length)
                .WithArguments("Azure Storage account key (AccountKey=UvIm\u2026)", "Web.config", "ConnectionStrings:Storage"),
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/Web.config", 8, 30, 8, 46)
                .WithArguments(NamedValue, "Web.config", "AppSettings:ApiKey"));
    }

    [Fact]
    public Task WebConfig_WithoutSecrets_DoesNotTrigger()
        => VerifyAsync("/0/web.config", """
            <configuration>
              <system.webServer>
                <handlers><add name="aspNetCore" path="*" verb="*" modules="AspNetCoreModuleV2" resourceType="Unspecified" /></handlers>
                <aspNetCore processPath="dotnet" arguments=".\App.dll" stdoutLogEnabled="false" />
              </system.webServer>
            </configuration>
            """);

    [Fact]
    public Task AppConfig_WithXxeAttempt_IsSkippedQuietly()
        => VerifyAsync("/0/App.config", """
            <?xml version="1.0"?>
            <!DOCTYPE configuration [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <configuration><appSettings><add key="Password" value="&xxe;" /></appSettings></configuration>
            """);

    [Fact]
    public Task PublishSettings_UserPwd_Triggers()
    {
        const string text = """
            <publishData>
              <publishProfile profileName="contoso - Web Deploy" publishMethod="MSDeploy" userName="$contoso" userPWD="Zq8rLx2mNw9pVb4tKc7s" />
            </publishData>
            """;
        return VerifyAsync("/0/contoso.PublishSettings", text,
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/contoso.PublishSettings", 2, 108, 2, 128)
                .WithArguments(NamedValue, "contoso.PublishSettings", "contoso - Web Deploy:userPWD"));
    }

    [Fact]
    public Task CustomPatterns_ReplaceTheDefaults()
    {
        const string text = """
            {
              "Passphrase": "correct-horse",
              "Password": "battery-staple"
            }
            """;
        return VerifyAsync(new[] { ("/0/appsettings.json", text) }, "azsec.AZSEC104.secret_name_patterns = passphrase",
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/appsettings.json", 2, 18, 2, 31).WithArguments(NamedValue, "appsettings.json", "Passphrase"));
    }

    [Fact]
    public Task GlobalPatternOption_IsRead()
        => VerifyAsync(new[] { ("/0/appsettings.json", Json("S", "Pin", "4711-0815")) }, "azsec.secret_name_patterns = pin",
            InJson("/0/appsettings.json", "S", "Pin", "4711-0815", NamedValue));

    [Fact]
    public Task SeverityNone_InGlobalConfig_Silences()
        => VerifyAsync(new[] { ("/0/appsettings.json", Json("ConnectionStrings", "Storage", TestSecrets.StorageConnectionString)) }, "dotnet_diagnostic.AZSEC104.severity = none");

    [Fact]
    public Task TestProject_ReportsOnlyShapedSecrets()
    {
        const string text = """
            {
              "Password": "test-password",
              "Bus": "Endpoint=sb://contoso-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=lMx0EdcX8UV5sqoQD7uzT6WT/q7Scki3YuOrWAXwdlo="
            }
            """;
        var test = new Verify.Test { TestCode = "class Tests { }" };
        test.TestState.AdditionalFiles.Add(("/0/appsettings.json", text));
        test.TestState.AdditionalReferences.AddRange(AzSecAnalyzers.Tests.Verifiers.TestReferences.NetCoreOnly);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/appsettings.json", 3, 11, 3, 170)
            .WithArguments("Service Bus / Event Hubs / Relay shared access key (SharedAccessKey=lMx0\u2026)", "appsettings.json", "Bus"));
        return test.RunAsync();
    }

    [Fact]
    public Task InvalidJson_ReportsWhatCameBeforeTheError_AndNothingAfter()
    {
        const string text = """
            {
              "A": { "Password": "k9Qw2Zp7Lm4Xr8Tn" },
              "B": { "Password": "Zp7Lm4Xr8Tnk9Qw2" ]
              "C": { "Password": "Lm4Xr8Tnk9Qw2Zp7" }
            }
            """;
        return VerifyAsync("/0/appsettings.json", text,
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/appsettings.json", 2, 23, 2, 39).WithArguments(NamedValue, "appsettings.json", "A:Password"),
            Verify.Diagnostic(Descriptors.AZSEC104_SecretInConfigurationFile).WithSpan("/0/appsettings.json", 3, 23, 3, 39).WithArguments(NamedValue, "appsettings.json", "B:Password"));
    }

    [Theory]
    [InlineData("/0/appsettings.json")]
    [InlineData("/0/web.config")]
    [InlineData("/0/x.publishsettings")]
    public Task HostileInput_DoesNotCrash(string file)
    {
        var hostile = new[]
        {
            new string('[', 200_000),
            new string('{', 200_000),
            string.Concat(Enumerable.Repeat("{\"Password\":", 100_000)),
            "{\"Password\": \"" + new string('\\', 100_001),
            "<a>" + string.Concat(Enumerable.Repeat("<b>", 100_000)),
            "\uFEFF\uFEFF\uFEFF",
            "\0\0\0",
            "{\"Name\": \"\\ud800\"}",
        };
        return VerifyAsync(hostile.Select((text, i) => (file.Replace("/0/", $"/0/{i}/"), text)).ToArray(), null);
    }
}
