using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Infrastructure.Secrets;
using AzSecAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Secrets.HardcodedCredentialAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Secrets;

public class HardcodedCredentialAnalyzerTests
{
    private const string StorageKind = "Azure Storage account key";

    private static DiagnosticResult Expected(int location, string kind, string preview)
        => Verify.Diagnostic(Descriptors.AZSEC101_HardcodedCredential).WithLocation(location).WithArguments(kind, preview);

    private static string InMethod(string statements) => $$"""
        using System;
        using System.Collections.Generic;

        class C
        {
            void M(string key, string name)
            {
                {{statements}}
            }
        }
        """;

    [Fact]
    public Task StorageConnectionStringLiteral_Triggers() => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""var connection = {|#0:"{{TestSecrets.StorageConnectionString}}"|};"""),
        Expected(0, StorageKind, "AccountKey=UvIm\u2026"));

    [Fact]
    public Task ConstField_Triggers() => Verify.VerifyAnalyzerAsync($$"""
        class C
        {
            private const string Storage = {|#0:"{{TestSecrets.StorageConnectionString}}"|};
        }
        """, Expected(0, StorageKind, "AccountKey=UvIm\u2026"));

    [Fact]
    public Task VerbatimString_Triggers() => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""var connection = {|#0:@"{{TestSecrets.CosmosConnectionString}}"|};"""),
        Expected(0, "Azure Cosmos DB account key", "AccountKey=jLYQ\u2026"));

    [Fact]
    public Task RawString_Triggers() => Verify.VerifyAnalyzerAsync(InMethod(
        $$""""
        var connection = {|#0:"""
                    {{TestSecrets.ServiceBusConnectionString}}
                    """|};
        """"),
        Expected(0, "Service Bus / Event Hubs / Relay shared access key", "SharedAccessKey=lMx0\u2026"));

    [Fact]
    public Task Utf8Literal_Triggers() => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""ReadOnlySpan<byte> connection = {|#0:"{{TestSecrets.SqlConnectionString}}"u8|};"""),
        Expected(0, "database password", "Password=\u2026"));

    [Fact]
    public Task ConcatenationOfLiterals_ReportsThePartWithTheKey() => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""var connection = "DefaultEndpointsProtocol=https;AccountName=contoso;" + "AccountKey=" + {|#0:"{{TestSecrets.StorageKey}}"|} + ";EndpointSuffix=core.windows.net";"""),
        Expected(0, StorageKind, "AccountKey=UvIm\u2026"));

    [Fact]
    public Task ConcatenationWithRuntimeAccountName_StillTriggersOnTheKey() => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""var connection = "DefaultEndpointsProtocol=https;AccountName=" + name + {|#0:";AccountKey={{TestSecrets.StorageKey}}"|};"""),
        Expected(0, StorageKind, "AccountKey=UvIm\u2026"));

    [Fact]
    public Task InterpolationWithRuntimeHole_TriggersOnTheTextPart() => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""var connection = $"DefaultEndpointsProtocol=https;AccountName={name}{|#0:;AccountKey={{TestSecrets.StorageKey}};|}";"""),
        Expected(0, StorageKind, "AccountKey=UvIm\u2026"));

    [Fact]
    public Task ConstantInterpolation_Triggers() => Verify.VerifyAnalyzerAsync($$"""
        class C
        {
            private const string Account = "contoso";
            private const string Connection = $"AccountName={Account}{|#0:;AccountKey={{TestSecrets.StorageKey}}|}";
        }
        """, Expected(0, StorageKind, "AccountKey=UvIm\u2026"));

    [Fact]
    public Task SasUrl_Triggers() => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""var uri = new Uri({|#0:"{{TestSecrets.SasUrl}}"|});"""),
        Expected(0, "shared access signature (SAS) token", "sig=entP\u2026"));

    [Fact]
    public Task EntraClientSecret_Triggers() => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""var secret = {|#0:"{{TestSecrets.EntraSecret}}"|};"""),
        Expected(0, "Microsoft Entra client secret", "XRZ8\u2026"));

    [Fact]
    public Task PemPrivateKey_Triggers() => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""var pem = {|#0:"-----BEGIN RSA PRIVATE KEY-----\n{{TestSecrets.PemBody}}\n-----END RSA PRIVATE KEY-----"|};"""),
        Expected(0, "PEM private key", "-----BEGIN RSA PRIVATE KEY-----"));

    [Fact]
    public Task AppConfigurationConnectionString_Triggers() => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""var connection = {|#0:"Endpoint=https://contoso.azconfig.io;Id=Xy12-l0-s0:Ab;Secret={{TestSecrets.AppConfigSecret}}"|};"""),
        Expected(0, "Azure App Configuration access key", "Secret=W67i\u2026"));

    [Fact]
    public Task RedisConfiguration_Triggers() => Verify.VerifyAnalyzerAsync(InMethod(
        """var redis = {|#0:"contoso.redis.cache.windows.net:6380,password=changeme,ssl=True,abortConnect=False"|};"""),
        Expected(0, "Azure Cache for Redis password", "password=\u2026"));

    [Fact]
    public Task IdentifiableSearchKey_Triggers()
    {
        var key = TestSecrets.IdentifiableKey(IdentifiableKeys.All.Single(f => f.Id == "SearchQueryIdentifiableKey"), 39);
        return Verify.VerifyAnalyzerAsync(InMethod($$"""var searchKey = {|#0:"{{key}}"|};"""), Expected(0, "Azure AI Search query key", key.Substring(0, 4) + "\u2026"));
    }

    [Fact]
    public Task AzureOpenAIKey_Triggers()
    {
        var key = TestSecrets.CommonAnnotatedKey("ACOG", "AAAB");
        return Verify.VerifyAnalyzerAsync(InMethod($$"""var k = {|#0:"{{key}}"|};"""), Expected(0, "Azure OpenAI key", key.Substring(0, 4) + "\u2026"));
    }

    [Fact]
    public Task EventGridKey_IsNamedAsSuch()
    {
        var key = TestSecrets.CommonAnnotatedKey("AZEG");
        return Verify.VerifyAnalyzerAsync(InMethod($$"""var k = {|#0:"{{key}}"|};"""), Expected(0, "Azure Event Grid access key", key.Substring(0, 4) + "\u2026"));
    }

    [Fact]
    public Task StorageKeyWithBase62Checksum_InAConnectionString_Triggers()
    {
        var key = TestSecrets.IdentifiableKey(IdentifiableKeys.All.Single(f => f.Id == "StorageIdentifiableKey"), 64, base62Checksum: true);
        var connection = "DefaultEndpointsProtocol=https;AccountName=contosoorders;AccountKey=" + key + ";EndpointSuffix=core.windows.net";
        return Verify.VerifyAnalyzerAsync(InMethod($$"""var cs = {|#0:"{{connection}}"|};"""), Expected(0, "Azure Storage account key", key.Substring(0, 4) + "\u2026"));
    }

    [Fact]
    public Task BareKeyInKeyNamedVariable_Triggers() => Verify.VerifyAnalyzerAsync(InMethod(
        $$"""var storageAccountKey = {|#0:"{{TestSecrets.StorageKey}}"|};"""),
        Expected(0, "Azure account key (64-byte, base64)", "UvIm\u2026"));

    [Fact]
    public Task AttributeArgument_Triggers() => Verify.VerifyAnalyzerAsync($$"""
        using System;

        [AttributeUsage(AttributeTargets.Class)]
        class StorageAttribute : Attribute
        {
            public StorageAttribute(string connection) { }
        }

        [Storage({|#0:"{{TestSecrets.StorageConnectionString}}"|})]
        class C { }
        """, Expected(0, StorageKind, "AccountKey=UvIm\u2026"));

    [Fact]
    public Task ParameterDefault_Triggers() => Verify.VerifyAnalyzerAsync($$"""
        class C
        {
            void Connect(string connection = {|#0:"{{TestSecrets.SqlConnectionString}}"|}) { }
        }
        """, Expected(0, "database password", "Password=\u2026"));

    [Fact]
    public Task ObjectInitializerMember_Triggers() => Verify.VerifyAnalyzerAsync($$"""
        class Settings { public string Connection { get; set; } = ""; }
        class C
        {
            Settings S() => new Settings { Connection = {|#0:"{{TestSecrets.ServiceBusConnectionString}}"|} };
        }
        """, Expected(0, "Service Bus / Event Hubs / Relay shared access key", "SharedAccessKey=lMx0\u2026"));

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DevelopmentEmulators.StorageAccountKey + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;")]
    [InlineData("AccountEndpoint=https://localhost:8081/;AccountKey=" + DevelopmentEmulators.CosmosDbKey)]
    [InlineData("InstrumentationKey=8f2b6a4e-3c1d-4e5f-9a8b-7c6d5e4f3a2b;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=<account-key>;EndpointSuffix=core.windows.net")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey={0}")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=${STORAGE_KEY}")]
    [InlineData("Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=your-key-here")]
    [InlineData("Server=tcp:db.database.windows.net;Database=orders;Authentication=Active Directory Default")]
    [InlineData("Server=db;User ID=app;Password=;")]
    [InlineData("Server=db;User ID=app;Password=***")]
    [InlineData("Server=db;User ID=app;Password=TODO")]
    [InlineData("Enter password:")]
    [InlineData("https://contoso.blob.core.windows.net/receipts")]
    [InlineData("8f2b6a4e-3c1d-4e5f-9a8b-7c6d5e4f3a2b")]
    [InlineData(TestSecrets.StorageKey)]
    [InlineData("-----BEGIN PRIVATE KEY-----\\nMIIE...\\n-----END PRIVATE KEY-----")]
    public Task LookAlikeLiteral_DoesNotTrigger(string value)
        => Verify.VerifyAnalyzerAsync(InMethod($$"""var text = "{{value}}";"""));

    [Fact]
    public Task InterpolatedKeyFromParameter_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(InMethod(
        """var connection = $"DefaultEndpointsProtocol=https;AccountName={name};AccountKey={key};EndpointSuffix=core.windows.net";"""));

    [Fact]
    public Task ConcatenatedKeyFromEnvironment_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(InMethod(
        """var connection = "AccountName=contoso;AccountKey=" + Environment.GetEnvironmentVariable("STORAGE_KEY");"""));

    [Fact]
    public Task FormatTemplate_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(InMethod(
        """var connection = string.Format("AccountName={0};AccountKey={1}", name, key);"""));

    [Fact]
    public Task NameofAndComments_DoNotTrigger() => Verify.VerifyAnalyzerAsync($$"""
        class C
        {
            // AccountKey={{TestSecrets.StorageKey}} in a comment is not code.
            string Password { get; } = nameof(Password);
        }
        """);

    [Fact]
    public Task BrokenIdentifiableChecksum_DoesNotTrigger()
    {
        var key = TestSecrets.BreakChecksum(TestSecrets.IdentifiableKey(IdentifiableKeys.All.Single(f => f.Id == "SearchQueryIdentifiableKey"), 39));
        return Verify.VerifyAnalyzerAsync(InMethod($$"""var text = "{{key}}";"""));
    }

    [Fact]
    public Task GeneratedCode_DoesNotTrigger() => Verify.VerifyAnalyzerAsync($$"""
        [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
        class C
        {
            private const string Storage = "{{TestSecrets.StorageConnectionString}}";
        }
        """);

    [Fact]
    public async Task UnterminatedString_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            TestCode = "class C { void M() { var s = {|#0:\"AccountKey=" + TestSecrets.StorageKey + "; } }|}",
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Expected(0, StorageKind, "AccountKey=UvIm\u2026"));
        await test.RunAsync();
    }

    [Fact]
    public async Task MegabyteLiteral_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            TestCode = "class C { const string S = \"" + new string('x', 1_000_000) + "\"; string T = $\"{S}{S}AccountKey={ \"; }",
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task InterpolationHolesWhileTyping_DoNotCrash()
    {
        var test = new Verify.Test
        {
            TestCode = "class C { void M(string k) { var s = $\"AccountName=a;AccountKey={k\" + $\"{}{\" + \"Password=\"; } }",
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task UnresolvedCollectionInitializer_ReportsTheLiteralOnce()
    {
        var test = new Verify.Test
        {
            TestCode = $$"""
                using System.Collections.Generic;

                class C
                {
                    Dictionary<string, string> M() => new() { { Missing.Name, {|#0:"{{TestSecrets.SasUrl}}"|} } };
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Expected(0, "shared access signature (SAS) token", "sig=entP\u2026"));
        await test.RunAsync();
    }
}
