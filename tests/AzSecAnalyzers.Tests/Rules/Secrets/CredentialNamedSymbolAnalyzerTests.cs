using AzSecAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Secrets.CredentialNamedSymbolAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Secrets;

public class CredentialNamedSymbolAnalyzerTests
{
    private static DiagnosticResult Expected(int location, string name)
        => Verify.Diagnostic(Descriptors.AZSEC103_CredentialNamedSymbol).WithLocation(location).WithArguments(name);

    private static string InClass(string members) => $$"""
        using System;
        using System.Collections.Generic;

        class C
        {
            {{members}}
        }
        """;

    [Theory]
    [InlineData("private const string Password = {|#0:\"changeme\"|};", "Password")]
    [InlineData("private static readonly string DbPassword = {|#0:\"Tr1cky!Pass\"|};", "DbPassword")]
    [InlineData("private string _pwd = {|#0:\"hunter2\"|};", "_pwd")]
    [InlineData("public string ClientSecret { get; set; } = {|#0:\"s3cr3t-value\"|};", "ClientSecret")]
    [InlineData("public string ApiKey => {|#0:\"ak-123456\"|};", "ApiKey")]
    [InlineData("private const string API_KEY = {|#0:\"ak-123456\"|};", "API_KEY")]
    [InlineData("private const string StorageAccessKey = {|#0:\"key-value-1\"|};", "StorageAccessKey")]
    [InlineData("private const string GitHubToken = {|#0:\"ghp_notreal123\"|};", "GitHubToken")]
    [InlineData("private const string OrdersConnectionString = {|#0:\"Server=db;Database=orders;ApiKey=q8Zr2LmW\"|};", "OrdersConnectionString")]
    [InlineData("private const string SasToken = {|#0:\"sp=r&st=2024\"|};", "SasToken")]
    [InlineData("private const string ServiceCredential = {|#0:\"svc:pa55w0rd\"|};", "ServiceCredential")]
    [InlineData("private const string MyPasswd = {|#0:\"letmein\"|};", "MyPasswd")]
    [InlineData("private const string mypassword = {|#0:\"letmein\"|};", "mypassword")]
    [InlineData("private const string ApiKey2 = {|#0:\"ak-123456\"|};", "ApiKey2")]
    [InlineData("private const string ServiceCredential = {|#0:\"admin:12345\"|};", "ServiceCredential")]
    public Task MemberNamedLikeASecret_Triggers(string member, string name)
        => Verify.VerifyAnalyzerAsync(InClass(member), Expected(0, name));

    [Fact]
    public Task Local_Triggers() => Verify.VerifyAnalyzerAsync(InClass("""
        void M()
        {
            var adminPassword = {|#0:"P@ssw0rd"|};
            Console.WriteLine(adminPassword.Length);
        }
        """), Expected(0, "adminPassword"));

    [Fact]
    public Task Assignment_Triggers() => Verify.VerifyAnalyzerAsync(InClass("""
        private string _secret = "";
        void M() => _secret = {|#0:"rotate-me-2024"|};
        """), Expected(0, "_secret"));

    [Fact]
    public Task ObjectInitializer_Triggers() => Verify.VerifyAnalyzerAsync("""
        class Options { public string Password { get; set; } = ""; public string User { get; set; } = ""; }
        class C
        {
            Options M() => new Options { User = "app", Password = {|#0:"changeme"|} };
        }
        """, Expected(0, "Password"));

    [Fact]
    public Task ParameterDefault_Triggers() => Verify.VerifyAnalyzerAsync(InClass("""
        void Connect(string user, string password = {|#0:"changeme"|}) { }
        """), Expected(0, "password"));

    [Fact]
    public Task IndexerWithSecretKey_Triggers() => Verify.VerifyAnalyzerAsync(InClass("""
        Dictionary<string, string> M() => new() { ["Database:Password"] = {|#0:"changeme"|} };
        """), Expected(0, "Password"));

    [Fact]
    public Task AttributeNamedArgument_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System;

        class LoginAttribute : Attribute { public string Password { get; set; } = ""; }

        [Login(Password = {|#0:"changeme"|})]
        class C { }
        """, Expected(0, "Password"));

    [Fact]
    public Task AttributePositionalArgument_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System;

        class LoginAttribute : Attribute { public LoginAttribute(string user, string password) { } }

        [Login("app", {|#0:"changeme"|})]
        class C { }
        """, Expected(0, "password"));

    [Fact]
    public Task CustomPatterns_ReplaceTheDefaults() => new Verify.Test
    {
        TestCode = InClass("""
            private const string Passphrase = {|#0:"correct-horse"|};
            private const string Password = "changeme";
            """),
        TestState =
        {
            AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\nazsec.secret_name_patterns = passphrase, pin\n") },
        },
        ExpectedDiagnostics = { Expected(0, "Passphrase") },
    }.RunAsync();

    [Theory]
    [InlineData("private const string PasswordPrompt = \"Enter password:\";")]
    [InlineData("private const string Password = \"Enter password:\";")]
    [InlineData("private const string PasswordLabel = \"Password\";")]
    [InlineData("private const char PasswordChar = '*';")]
    [InlineData("private const string TokenEndpoint = \"https://login.microsoftonline.com/common/oauth2/v2.0/token\";")]
    [InlineData("private const string ClientSecret = \"client_secret\";")]
    [InlineData("private const string AccessToken = \"access_token\";")]
    [InlineData("private const string ApiKeyHeader = \"X-API-KEY\";")]
    [InlineData("private const string SecretName = \"orders-db-password\";")]
    [InlineData("private const string ConnectionStringName = \"Orders\";")]
    [InlineData("private const string StorageConnectionString = \"ConnectionStrings:Storage\";")]
    [InlineData("private const string PasswordVariable = \"DB_PASSWORD\";")]
    [InlineData("private const string DbPassword = \"DB_PASSWORD\";")]
    [InlineData("private const string Password = \"\";")]
    [InlineData("private const string Password = \"<password>\";")]
    [InlineData("private const string Password = \"your-password\";")]
    [InlineData("private const string Password = \"***\";")]
    [InlineData("private const string Password = \"TODO\";")]
    [InlineData("private const string Password = \"REPLACE_ME\";")]
    [InlineData("private const string Password = nameof(Password);")]
    [InlineData("private const string TokenType = \"Bearer\";")]
    [InlineData("private const string PasswordResetUrl = \"/account/reset\";")]
    [InlineData("private const string PasswordHash = \"AQAAAAIAAYagAAAAEHash\";")]
    [InlineData("private const string SecretsFile = \"secrets.json\";")]
    [InlineData("private const string Username = \"admin\";")]
    [InlineData("private const string Message = \"Your token has expired\";")]
    [InlineData("private const int PasswordMinLength = 12;")]
    [InlineData("private const string AuthToken = \"AAD\";")]
    [InlineData("private const string SasTokenExpiringErrorCode = \"AZFD0006\";")]
    [InlineData("private const string SecretStorage = \"AzureWebJobsStorage\";")]
    [InlineData("private const string GetSecretsMetric = \"secretmanager.getsecrets.{0}\";")]
    [InlineData("private const string SessionToken = \"1:1#1=1\";")]
    public Task LookAlike_DoesNotTrigger(string member)
        => Verify.VerifyAnalyzerAsync(InClass(member));

    [Fact]
    public Task OpenIdConnectClientSecret_ShortPlainValue_Triggers() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Authentication.OpenIdConnect;
        using Microsoft.Extensions.DependencyInjection;

        static class Auth
        {
            public static void Add(IServiceCollection services)
            {
                services.AddAuthentication().AddOpenIdConnect(options =>
                {
                    options.Authority = "https://demo.identityserver.example";
                    options.ClientId = "interactive";
                    options.ClientSecret = {|#0:"secret"|};
                });
            }
        }
        """, Expected(0, "ClientSecret"));

    [Theory]
    [InlineData("public const string DefaultClientSecret = {|#0:\"secret\"|};", "DefaultClientSecret")]
    [InlineData("private const string AdminPassword = {|#0:\"Password\"|};", "AdminPassword")]
    public Task BareSecretWordAsTheValue_Triggers(string member, string name)
        => Verify.VerifyAnalyzerAsync(InClass(member), Expected(0, name));

    [Theory]
    [InlineData("private const string Password = \"password\";")]
    [InlineData("public const string ClientSecret = \"client_secret\";")]
    [InlineData("public const string Secret = \"Secret\";")]
    [InlineData("private static readonly string Token = \"token\";")]
    public Task BareSecretWordThatSpellsItsOwnName_DoesNotTrigger(string member)
        => Verify.VerifyAnalyzerAsync(InClass(member));

    [Theory]
    [InlineData("private const string StorageConnectionString = \"UseDevelopmentStorage=true\";")]
    [InlineData("private const string ServiceBusConnectionString = \"Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;\";")]
    [InlineData("private const string RedisConnectionString = \"localhost:6379\";")]
    [InlineData("private const string RedisConnectionString = \"redis:6379,abortConnect=false\";")]
    [InlineData("private const string StorageAccountKey = \"<storage-account-key\";")]
    [InlineData("private const string ClientSecret = \"client-secret>\";")]
    [InlineData("private const string ServiceBusConnection__credential = \"managedidentity\";")]
    [InlineData("private const string AZURE_TOKEN_CREDENTIALS = \"dev\";")]
    [InlineData("private const string Password = \".. see the team vault\";")]
    [InlineData("private const string EventHubConnectionString = \"Event Hubs namespace connection string\";")]
    [InlineData("private const string StorageAccountKey = \"Storage account key\";")]
    [InlineData("private const string EventHubConnectionString = \"------EVENT HUB CONNECTION STRING GOES HERE------\";")]
    [InlineData("private const string ServiceBusConnectionString = \"YOUR CONNECTION STRING\";")]
    [InlineData("private const string ServiceBusConnectionString = \"{ServiceBus connection string}\";")]
    [InlineData("private const string PrimaryKeySecret = \"<primaryKey>\";")]
    [InlineData("private const string ServiceBusConnectionString = \"<SERVICE BUS NAMESPACE - CONNECTION STRING>\";")]
    [InlineData("private const string DocDbApiKey = \"DocDbApiKey\";")]
    [InlineData("private const string GraphClientSecret = \"GraphClientSecret\";")]
    [InlineData("private const string StorageAccountKey = \"AzureWebJobsStorage\";")]
    [InlineData("private const string SmtpPassword = \"SMTP-PASSWORD\";")]
    [InlineData("private const string StripeApiKey = \"SECRET\";")]
    [InlineData("private const string WebhookToken = \"TOKEN\";")]
    public Task EmulatorPlaceholderOrIdentitySetting_DoesNotTrigger(string member)
        => Verify.VerifyAnalyzerAsync(InClass(member));

    [Fact]
    public Task EmulatorValueThroughALocal_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(InClass("""
        void M()
        {
            var storageConnectionString = "UseDevelopmentStorage=true";
            string connectionString;
            connectionString = "UseDevelopmentStorage=true";
            Console.WriteLine(storageConnectionString + connectionString);
        }
        """));

    [Fact]
    public Task IdentityBasedSettingsInAnIndexer_DoNotTrigger() => Verify.VerifyAnalyzerAsync(InClass("""
        Dictionary<string, string> M() => new()
        {
            ["ServiceBusConnection__credential"] = "managedidentity",
            ["ServiceBusConnection__clientId"] = "00000000-0000-0000-0000-000000000001",
            ["ServiceBusConnection__fullyQualifiedNamespace"] = "contoso.servicebus.windows.net",
            ["AzureWebJobsStorage__serviceUri"] = "https://contoso.blob.core.windows.net",
            ["AZURE_TOKEN_CREDENTIALS"] = "ManagedIdentityCredential",
        };
        """));

    [Fact]
    public Task LocalSqlPasswordInAConstant_StillTriggers() => Verify.VerifyAnalyzerAsync(InClass(
        "private const string OrdersConnectionString = {|#0:\"Server=localhost;Database=orders;User Id=sa;Password=Local!Pass1\"|};"),
        Expected(0, "OrdersConnectionString"));

    [Fact]
    public Task CredentialShapedValue_IsLeftToAzsec101() => Verify.VerifyAnalyzerAsync(InClass(
        $$"""private const string ClientSecret = "{{TestSecrets.EntraSecret}}";"""));

    [Theory]
    [InlineData("Server=tcp:orders.database.windows.net,1433;Database=orders;Authentication=Active Directory Default")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=contosoarchive;EndpointSuffix=core.windows.net")]
    [InlineData("Endpoint=sb://contoso.servicebus.windows.net/;EntityPath=orders")]
    public Task ConnectionStringWithoutCredential_DoesNotTrigger(string value) => Verify.VerifyAnalyzerAsync($$"""
        class C
        {
            private const string OrdersConnectionString = "{{value}}";
        }
        """);

    [Fact]
    public Task ConnectionStringWithAnUnknownCredentialKey_Triggers() => Verify.VerifyAnalyzerAsync("""
        class C
        {
            private const string PartnerConnectionString = {|#0:"Host=partner.example.com;ApiToken=q8Zr2LmW"|};
        }
        """, Verify.Diagnostic(Descriptors.AZSEC103_CredentialNamedSymbol).WithLocation(0).WithArguments("PartnerConnectionString"));

    [Fact]
    public Task ConfigurationRead_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Extensions.Configuration;

        class C
        {
            string M(IConfiguration configuration)
            {
                var password = configuration["Db:Password"];
                return password ?? "";
            }
        }
        """);

    [Fact]
    public Task ResourceLookup_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        class Resources { public static string Password => Lookup("Password"); static string Lookup(string key) => key; }
        class C
        {
            string Password => Resources.Password;
        }
        """);

    [Fact]
    public Task MethodArgument_IsLeftToAzsec102() => Verify.VerifyAnalyzerAsync(InClass("""
        void Login(string password) { }
        void M() => Login("changeme");
        """));

    [Fact]
    public Task TestProject_ReportsOnlyRandomLookingValues()
    {
        var test = new Verify.Test
        {
        TestCode = $$"""
            class Tests
            {
                private const string Password = "changeme";
                private const string ApiKey = {|#0:"{{TestSecrets.AppConfigSecret}}"|};
            }
            """,
            ExpectedDiagnostics = { Expected(0, "ApiKey") },
        };
        test.TestState.AdditionalReferences.AddRange(AzSecAnalyzers.Tests.Verifiers.TestReferences.NetCoreOnly);
        test.TestState.AdditionalReferences.Add(Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location));
        return test.RunAsync();
    }

    [Fact]
    public async Task PartialDeclaration_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            TestCode = "class C { string Password = \"abc; string Token = ; void M(string pwd = ",
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
