using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Secrets.HardcodedSecretArgumentAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Secrets;

public class HardcodedSecretArgumentAnalyzerTests
{
    private static DiagnosticResult Expected(int location, string api, string parameter)
        => Verify.Diagnostic(Descriptors.AZSEC102_HardcodedSecretArgument).WithLocation(location).WithArguments(api, parameter);

    private const string Usings = """
        using System;
        using System.Net;
        using System.Security.Cryptography.X509Certificates;
        using System.Text;
        using Azure;
        using Azure.Identity;
        using Azure.Storage;
        using Microsoft.Azure.Cosmos;
        using Microsoft.Data.SqlClient;
        using Microsoft.Identity.Client;
        using Microsoft.IdentityModel.Tokens;
        using Microsoft.Extensions.Configuration;
        """;

    private static string InMethod(string statements) => $$"""
        {{Usings}}

        class C
        {
            private readonly IConfiguration _configuration = null!;

            void M(string secretFromCaller)
            {
                {{statements}}
            }
        }
        """;

    public static TheoryData<string, string, string> DirectLiterals() => new()
    {
        { """_ = new ClientSecretCredential("tenant", "client", {|#0:"s3cr3t-value"|});""", "the 'ClientSecretCredential' constructor", "clientSecret" },
        { """_ = new UsernamePasswordCredential("user@contoso.com", "P@ssw0rd!", "tenant", "client");""".Replace("\"P@ssw0rd!\"", "{|#0:\"P@ssw0rd!\"|}"), "the 'UsernamePasswordCredential' constructor", "password" },
        { """_ = new StorageSharedKeyCredential("contoso", {|#0:"short-key-value"|});""", "the 'StorageSharedKeyCredential' constructor", "accountKey" },
        { """new StorageSharedKeyCredential("contoso", secretFromCaller).SetAccountKey({|#0:"rotated-key"|});""", "'StorageSharedKeyCredential.SetAccountKey'", "accountKey" },
        { """_ = new AzureKeyCredential({|#0:"search-admin-key-1"|});""", "the 'AzureKeyCredential' constructor", "key" },
        { """new AzureKeyCredential(secretFromCaller).Update({|#0:"next-key"|});""", "'ApiKeyCredential.Update'", "key" },
        { """_ = new AzureNamedKeyCredential("account", {|#0:"named-key"|});""", "the 'AzureNamedKeyCredential' constructor", "key" },
        { """_ = new AzureSasCredential({|#0:"sv=2022&sig=abc"|});""", "the 'AzureSasCredential' constructor", "signature" },
        { """_ = new CosmosClient("https://contoso.documents.azure.com:443/", {|#0:"cosmos-key"|});""", "the 'CosmosClient' constructor", "authKeyOrResourceToken" },
        { """_ = new Microsoft.Azure.Cosmos.Fluent.CosmosClientBuilder("https://contoso.documents.azure.com:443/", {|#0:"cosmos-key"|});""", "the 'CosmosClientBuilder' constructor", "authKeyOrResourceToken" },
        { """_ = new NetworkCredential("svc", {|#0:"changeme"|});""", "the 'NetworkCredential' constructor", "password" },
        { """_ = new NetworkCredential("svc", {|#0:"Summer2025?"|});""", "the 'NetworkCredential' constructor", "password" },
        { """_ = new NetworkCredential { UserName = "svc", Password = {|#0:"changeme"|} };""", "'NetworkCredential.Password'", "Password" },
        { """_ = new System.ClientModel.ApiKeyCredential({|#0:"oai-k3y-7781"|});""", "the 'ApiKeyCredential' constructor", "key" },
        { """_ = new X509Certificate2("cert.pfx", {|#0:"Pfx!2024"|});""", "the 'X509Certificate2' constructor", "password" },
        { """_ = X509CertificateLoader.LoadPkcs12FromFile("cert.pfx", {|#0:"Pfx!2024"|});""", "'X509CertificateLoader.LoadPkcs12FromFile'", "password" },
        { """_ = ConfidentialClientApplicationBuilder.Create("client").WithClientSecret({|#0:"msal-s3cret"|});""", "'ConfidentialClientApplicationBuilder.WithClientSecret'", "clientSecret" },
    };

    [Theory]
    [MemberData(nameof(DirectLiterals))]
    public Task LiteralPassedToSecretParameter_Triggers(string statement, string api, string parameter)
        => Verify.VerifyAnalyzerAsync(InMethod(statement), Expected(0, api, parameter));

    [Fact]
    public Task SqlCredentialFromNetworkCredential_TriggersOnceAtTheSqlCredential() => Verify.VerifyAnalyzerAsync(InMethod(
        """_ = new SqlCredential("app", {|#0:new NetworkCredential("", {|#1:"changeme"|}).SecurePassword|});"""),
        Expected(0, "the 'SqlCredential' constructor", "password").WithLocation(1));

    [Fact]
    public Task SigningKeyFromEncodingGetBytes_Triggers() => Verify.VerifyAnalyzerAsync(InMethod(
        """_ = new SymmetricSecurityKey({|#0:Encoding.UTF8.GetBytes({|#1:"my-jwt-signing-key-that-is-long-enough"|})|});"""),
        Expected(0, "the 'SymmetricSecurityKey' constructor", "key").WithLocation(1));

    [Fact]
    public Task SigningKeyFromBase64_Triggers() => Verify.VerifyAnalyzerAsync(InMethod(
        """_ = new SymmetricSecurityKey({|#0:Convert.FromBase64String({|#1:"c2lnbmluZy1rZXktYnl0ZXM="|})|});"""),
        Expected(0, "the 'SymmetricSecurityKey' constructor", "key").WithLocation(1));

    [Fact]
    public Task ThroughLocal_TriggersAtTheArgument() => Verify.VerifyAnalyzerAsync(InMethod("""
        var secret = {|#1:"s3cr3t-value"|};
        var credential = new ClientSecretCredential("tenant", "client", {|#0:secret|});
        """), Expected(0, "the 'ClientSecretCredential' constructor", "clientSecret").WithLocation(1));

    [Fact]
    public Task ThroughLocalAssignedTwoLiterals_Triggers() => Verify.VerifyAnalyzerAsync(InMethod("""
        string secret = {|#1:"first-value"|};
        if (DateTime.Now.Year > 2000) secret = "s3cr3t-value";
        var credential = new ClientSecretCredential("tenant", "client", {|#0:secret|});
        """), Expected(0, "the 'ClientSecretCredential' constructor", "clientSecret").WithLocation(1));

    [Fact]
    public Task ThroughConstField_Triggers() => Verify.VerifyAnalyzerAsync($$"""
        {{Usings}}

        class C
        {
            private const string Key = {|#1:"search-admin-key-1"|};

            AzureKeyCredential M() => new AzureKeyCredential({|#0:Key|});
        }
        """, Expected(0, "the 'AzureKeyCredential' constructor", "key").WithLocation(1));

    [Fact]
    public Task ThroughStaticReadonlyField_Triggers() => Verify.VerifyAnalyzerAsync($$"""
        {{Usings}}

        class C
        {
            private static readonly string CosmosKey = {|#1:"cosmos-primary-k3y"|};

            CosmosClient M() => new CosmosClient("https://contoso.documents.azure.com:443/", {|#0:CosmosKey|});
        }
        """, Expected(0, "the 'CosmosClient' constructor", "authKeyOrResourceToken").WithLocation(1));

    [Fact]
    public Task ConstConcatenation_Triggers() => Verify.VerifyAnalyzerAsync($$"""
        {{Usings}}

        class C
        {
            private const string Prefix = "pre-";

            NetworkCredential M() => new NetworkCredential("svc", {|#0:Prefix + "fix"|});
        }
        """, Expected(0, "the 'NetworkCredential' constructor", "password"));

    [Fact]
    public Task SigningKeyFromAConstantOfAnotherClass_ThroughABytesLocal_Triggers() => Verify.VerifyAnalyzerAsync($$"""
        {{Usings}}

        public static class AuthorizationConstants
        {
            public const string JWT_SECRET_KEY = {|#1:"SecretKeyOfDoomThatMustBeAMinimumNumberOfBytes"|};
        }

        class Startup
        {
            TokenValidationParameters M()
            {
                var key = Encoding.ASCII.GetBytes(AuthorizationConstants.JWT_SECRET_KEY);
                return new TokenValidationParameters { IssuerSigningKey = new SymmetricSecurityKey({|#0:key|}) };
            }
        }
        """, Expected(0, "the 'SymmetricSecurityKey' constructor", "key").WithLocation(1));

    [Fact]
    public Task SigningKeyFromAStaticReadonlyFieldOfAnotherClass_ThroughFromBase64String_Triggers() => Verify.VerifyAnalyzerAsync($$"""
        {{Usings}}

        static class Settings
        {
            public static readonly string Secret = {|#1:"c2lnbmluZy1rZXktYnl0ZXMtZm9yLWEtand0LXRva2Vu"|};
        }

        class TokenService
        {
            SymmetricSecurityKey Key() => new SymmetricSecurityKey({|#0:Convert.FromBase64String(Settings.Secret)|});
        }
        """, Expected(0, "the 'SymmetricSecurityKey' constructor", "key").WithLocation(1));

    [Fact]
    public Task SigningKeyWrittenAsASentence_IsAWorkingKey_Triggers() => Verify.VerifyAnalyzerAsync($$"""
        {{Usings}}

        static class Settings
        {
            public const string Secret = {|#1:"this is my custom Secret key for authentication"|};
        }

        class TokenService
        {
            SymmetricSecurityKey Key() => new SymmetricSecurityKey({|#0:Encoding.UTF8.GetBytes(Settings.Secret)|});
        }
        """, Expected(0, "the 'SymmetricSecurityKey' constructor", "key").WithLocation(1));

    [Fact]
    public async Task SigningKeyFromAConstantOfAReferencedAssembly_Triggers()
    {
        var library = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Contoso.Core",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("""public static class JwtConstants { public const string SigningKey = "Contoso-signing-key-2024-for-the-public-api"; }""") },
            AzSecAnalyzers.Tests.Verifiers.TestReferences.NetCoreOnly,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);

        var test = new Verify.Test
        {
            TestCode = InMethod("""
                var key = Encoding.UTF8.GetBytes({|#1:JwtConstants.SigningKey|});
                _ = new SymmetricSecurityKey({|#0:key|});
                """),
            ExpectedDiagnostics = { Expected(0, "the 'SymmetricSecurityKey' constructor", "key").WithLocation(1) },
        };
        test.TestState.AdditionalReferences.AddRange(AzSecAnalyzers.Tests.Verifiers.TestReferences.All);
        test.TestState.AdditionalReferences.Add(Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(image.ToArray()));
        await test.RunAsync();
    }

    /// <summary>
    /// A project reference as the IDE and MSBuildWorkspace see it (the other project's source compilation, not its
    /// metadata): a long sentence-like constant in the shared project still signs tokens (AZSEC102, on the reference).
    /// </summary>
    [Fact]
    public async Task SigningKeyFromAConstantOfAReferencedProject_AsTheIdeSeesIt_Triggers()
    {
        var library = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Contoso.Shared",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("""public static class AuthSettings { public const string TokenKey = "TheTokenKeyOfTheContosoApiThatIsLongEnough"; }""") },
            AzSecAnalyzers.Tests.Verifiers.TestReferences.NetCoreOnly,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));

        var test = new Verify.Test
        {
            TestCode = InMethod("""
                var key = Encoding.ASCII.GetBytes({|#1:AuthSettings.TokenKey|});
                _ = new SymmetricSecurityKey({|#0:key|});
                """),
            ExpectedDiagnostics = { Expected(0, "the 'SymmetricSecurityKey' constructor", "key").WithLocation(1) },
        };
        test.TestState.AdditionalReferences.AddRange(AzSecAnalyzers.Tests.Verifiers.TestReferences.All);
        test.TestState.AdditionalReferences.Add(library.ToMetadataReference());
        await test.RunAsync();
    }

    [Fact]
    public Task DescriptivePlaceholderThroughAConstant_DoesNotTrigger() => Verify.VerifyAnalyzerAsync($$"""
        {{Usings}}

        static class AuthConfig
        {
            public const string ClientSecret = "AAD app secret";
        }

        class C
        {
            IConfidentialClientApplication M() => ConfidentialClientApplicationBuilder.Create("client").WithClientSecret(AuthConfig.ClientSecret).Build();
        }
        """);

    [Theory]
    [InlineData("Storage account key")]
    [InlineData("------STORAGE ACCOUNT KEY GOES HERE------")]
    [InlineData("<primaryKey>")]
    [InlineData("YOUR STORAGE KEY")]
    [InlineData("{Storage account key}")]
    public Task PlaceholderTextThroughAConstant_DoesNotTrigger(string text) => Verify.VerifyAnalyzerAsync($$"""
        {{Usings}}

        static class Config
        {
            public const string StorageKey = "{{text}}";
        }

        class C
        {
            StorageSharedKeyCredential M() => new StorageSharedKeyCredential("contoso", Config.StorageKey);
        }
        """);

    [Theory]
    [InlineData("\"client-secret\"")]
    [InlineData("\"Enter the client secret\"")]
    [InlineData("\"<client-secret\"")]
    public Task NameOrDescriptionPassedAsTheSecret_DoesNotTrigger(string literal) => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""_ = new ClientSecretCredential("tenant", "client", {{literal}});"""));

    [Fact]
    public Task ShortSentenceTurnedIntoKeyBytes_IsADescription_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(InMethod(
        """_ = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("the signing key"));"""));

    [Fact]
    public Task BytesLocalFromConfiguration_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(InMethod("""
        var key = Encoding.UTF8.GetBytes(_configuration["Jwt:Key"]!);
        _ = new SymmetricSecurityKey(key);
        """));

    [Fact]
    public Task ParameterValue_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(InMethod(
        """_ = new ClientSecretCredential("tenant", "client", secretFromCaller);"""));

    [Fact]
    public Task ConfigurationValue_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(InMethod(
        """_ = new ClientSecretCredential("tenant", "client", _configuration["ClientSecret"]);"""));

    [Fact]
    public Task EnvironmentValue_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(InMethod(
        """_ = new AzureKeyCredential(Environment.GetEnvironmentVariable("SEARCH_KEY")!);"""));

    [Fact]
    public Task LocalAssignedFromConfigurationLater_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(InMethod("""
        var secret = "";
        secret = _configuration["ClientSecret"]!;
        _ = new ClientSecretCredential("tenant", "client", secret);
        """));

    [Fact]
    public Task ReadonlyFieldSetInConstructor_DoesNotTrigger() => Verify.VerifyAnalyzerAsync($$"""
        {{Usings}}

        class C
        {
            private readonly string _key = "default";

            C(IConfiguration configuration) => _key = configuration["Key"]!;

            AzureKeyCredential M() => new AzureKeyCredential(_key);
        }
        """);

    [Fact]
    public Task MutableField_DoesNotTrigger() => Verify.VerifyAnalyzerAsync($$"""
        {{Usings}}

        class C
        {
            private string _key = "initial";

            AzureKeyCredential M() => new AzureKeyCredential(_key);
        }
        """);

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"<client-secret>\"")]
    [InlineData("\"{clientSecret}\"")]
    [InlineData("\"your-client-secret\"")]
    [InlineData("\"***\"")]
    [InlineData("\"TODO\"")]
    public Task PlaceholderSecret_DoesNotTrigger(string literal) => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""_ = new ClientSecretCredential("tenant", "client", {{literal}});"""));

    [Fact]
    public Task CosmosEmulatorKey_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""_ = new CosmosClient("https://localhost:8081/", "{{DevelopmentEmulators.CosmosDbKey}}");"""));

    [Fact]
    public Task AzuriteKey_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""_ = new StorageSharedKeyCredential("devstoreaccount1", "{{DevelopmentEmulators.StorageAccountKey}}");"""));

    [Fact]
    public Task NonSecretParameters_DoNotTrigger() => Verify.VerifyAnalyzerAsync(InMethod(
        """_ = new ClientSecretCredential("tenant-id", "client-id", secretFromCaller); _ = new NetworkCredential("user", secretFromCaller, "domain");"""));

    [Fact]
    public Task UserTypeWithSameNames_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        class ClientSecretCredential
        {
            public ClientSecretCredential(string tenantId, string clientId, string clientSecret) { }
        }

        class C
        {
            object M() => new ClientSecretCredential("tenant", "client", "s3cr3t-value");
        }
        """);

    [Fact]
    public Task CredentialShapedLiteral_IsLeftToAzsec101() => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""_ = new ClientSecretCredential("tenant", "client", "{{TestSecrets.EntraSecret}}");"""));

    [Fact]
    public Task NoAzureReferences_DoesNotTrigger() => new Verify.Test
    {
        TestCode = """
            class C
            {
                System.Net.NetworkCredential M() => new System.Net.NetworkCredential("u", {|#0:"changeme"|});
            }
            """,
        NetCoreOnly = true,
        ExpectedDiagnostics = { Expected(0, "the 'NetworkCredential' constructor", "password") },
    }.RunAsync();

    [Fact]
    public async Task PartialCode_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            TestCode = InMethod("""_ = new ClientSecretCredential("tenant", "client", """),
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
