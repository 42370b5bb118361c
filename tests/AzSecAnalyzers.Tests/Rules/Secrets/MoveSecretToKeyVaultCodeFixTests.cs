using AzSecAnalyzers.CodeFixes;
using AzSecAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Verify101 = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Secrets.HardcodedCredentialAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Secrets.MoveSecretToKeyVaultCodeFix>;
using Verify102 = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Secrets.HardcodedSecretArgumentAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Secrets.MoveSecretToKeyVaultCodeFix>;
using Verify103 = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Secrets.CredentialNamedSymbolAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Secrets.MoveSecretToKeyVaultCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Secrets;

public partial class MoveSecretToKeyVaultCodeFixTests
{
    private static DiagnosticResult Expected103(int location, string name)
        => Verify103.Diagnostic(Descriptors.AZSEC103_CredentialNamedSymbol).WithLocation(location).WithArguments(name);

    private static DiagnosticResult Expected101(int location, string kind, string preview)
        => Verify101.Diagnostic(Descriptors.AZSEC101_HardcodedCredential).WithLocation(location).WithArguments(kind, preview);

    [Fact]
    public Task SyncMethodWithoutConfiguration_CreatesSecretClient() => Verify103.VerifyCodeFixAsync("""
        using System.Net;

        class C
        {
            NetworkCredential Create()
            {
                var adminPassword = {|#0:"changeme"|};
                return new NetworkCredential("admin", adminPassword);
            }
        }
        """, Expected103(0, "adminPassword"), """
        using System;
        using System.Net;
        using Azure.Identity;
        using Azure.Security.KeyVault.Secrets;

        class C
        {
            NetworkCredential Create()
            {
                var adminPassword = new SecretClient(new Uri(Environment.GetEnvironmentVariable("AZURE_KEYVAULT_URI")!), new DefaultAzureCredential()).GetSecret("AdminPassword").Value.Value;
                return new NetworkCredential("admin", adminPassword);
            }
        }
        """, EquivalenceKeys.MoveSecretToKeyVault);

    [Fact]
    public Task AsyncMethodWithoutConfiguration_AwaitsGetSecretAsync() => Verify103.VerifyCodeFixAsync("""
        using System.Net;
        using System.Threading.Tasks;

        class C
        {
            async Task<NetworkCredential> CreateAsync()
            {
                await Task.Yield();
                var adminPassword = {|#0:"changeme"|};
                return new NetworkCredential("admin", adminPassword);
            }
        }
        """, Expected103(0, "adminPassword"), """
        using System;
        using System.Net;
        using System.Threading.Tasks;
        using Azure.Identity;
        using Azure.Security.KeyVault.Secrets;

        class C
        {
            async Task<NetworkCredential> CreateAsync()
            {
                await Task.Yield();
                var adminPassword = (await new SecretClient(new Uri(Environment.GetEnvironmentVariable("AZURE_KEYVAULT_URI")!), new DefaultAzureCredential()).GetSecretAsync("AdminPassword")).Value.Value;
                return new NetworkCredential("admin", adminPassword);
            }
        }
        """);

    [Fact]
    public Task ConfigurationParameterInScope_ReadsConfiguration() => Verify103.VerifyCodeFixAsync("""
        using Microsoft.Extensions.Configuration;

        class C
        {
            string Connect(IConfiguration configuration)
            {
                var dbPassword = {|#0:"changeme"|};
                return dbPassword;
            }
        }
        """, Expected103(0, "dbPassword"), """
        using Microsoft.Extensions.Configuration;

        class C
        {
            string Connect(IConfiguration configuration)
            {
                var dbPassword = configuration["DbPassword"]!;
                return dbPassword;
            }
        }
        """);

    [Fact]
    public Task ConfigurationFieldInScope_ReadsConfiguration() => Verify103.VerifyCodeFixAsync("""
        using Microsoft.Extensions.Configuration;

        class Options { public string User { get; set; } = ""; public string Password { get; set; } = ""; }

        class C
        {
            private readonly IConfiguration _configuration;

            C(IConfiguration configuration) => _configuration = configuration;

            Options Create() => new Options
            {
                User = "app",
                Password = {|#0:"changeme"|},
            };
        }
        """, Expected103(0, "Password"), """
        using Microsoft.Extensions.Configuration;

        class Options { public string User { get; set; } = ""; public string Password { get; set; } = ""; }

        class C
        {
            private readonly IConfiguration _configuration;

            C(IConfiguration configuration) => _configuration = configuration;

            Options Create() => new Options
            {
                User = "app",
                Password = _configuration["Password"]!,
            };
        }
        """);

    [Fact]
    public Task SecretClientInScope_IsReused() => Verify103.VerifyCodeFixAsync("""
        using System.Threading.Tasks;
        using Azure.Security.KeyVault.Secrets;

        class C
        {
            async Task<string> LoadAsync(SecretClient secrets)
            {
                string apiKey = {|#0:"ak-2024-orders"|};
                return await Task.FromResult(apiKey);
            }
        }
        """, Expected103(0, "apiKey"), """
        using System.Threading.Tasks;
        using Azure.Security.KeyVault.Secrets;

        class C
        {
            async Task<string> LoadAsync(SecretClient secrets)
            {
                string apiKey = (await secrets.GetSecretAsync("ApiKey")).Value.Value;
                return await Task.FromResult(apiKey);
            }
        }
        """);

    [Fact]
    public Task ConstField_BecomesStaticReadonly() => Verify103.VerifyCodeFixAsync("""
        class C
        {
            // Service account.
            private const string ServicePassword = {|#0:"changeme"|};

            string Get() => ServicePassword;
        }
        """, Expected103(0, "ServicePassword"), """
        using System;
        using Azure.Identity;
        using Azure.Security.KeyVault.Secrets;

        class C
        {
            // Service account.
            private static readonly string ServicePassword = new SecretClient(new Uri(Environment.GetEnvironmentVariable("AZURE_KEYVAULT_URI")!), new DefaultAzureCredential()).GetSecret("ServicePassword").Value.Value;

            string Get() => ServicePassword;
        }
        """);

    [Fact]
    public async Task ConstFieldUsedInAttribute_IsNotFixed()
    {
        var source = """
            using System.ComponentModel;

            class C
            {
                private const string DefaultPassword = {|#0:"changeme"|};

                [DefaultValue(DefaultPassword)]
                public string Password { get; set; } = "";
            }
            """;
        await new Verify103.Test
        {
            TestCode = source,
            FixedCode = source,
            ExpectedDiagnostics = { Expected103(0, "DefaultPassword") },
        }.RunAsync();
    }

    [Fact]
    public Task ConstLocal_BecomesAVariable() => Verify103.VerifyCodeFixAsync("""
        using Microsoft.Extensions.Configuration;

        class C
        {
            int M(IConfiguration settings)
            {
                const string token = {|#0:"tok-123456"|};
                return token.Length;
            }
        }
        """, Expected103(0, "token"), """
        using Microsoft.Extensions.Configuration;

        class C
        {
            int M(IConfiguration settings)
            {
                string token = settings["Token"]!;
                return token.Length;
            }
        }
        """);

    [Fact]
    public Task TopLevelStatements_ReadBuilderConfiguration() => new Verify101.Test
    {
        TestCode = $$"""
            using Azure.Storage.Blobs;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton(_ => new BlobServiceClient({|#0:"{{TestSecrets.StorageConnectionString}}"|}));
            builder.Build().Run();
            """,
        FixedCode = """
            using Azure.Storage.Blobs;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton(_ => new BlobServiceClient(builder.Configuration["ConnectionString"]!));
            builder.Build().Run();
            """,
        TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
        FixedState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
        ExpectedDiagnostics = { Expected101(0, "Azure Storage account key", "AccountKey=UvIm\u2026") },
    }.RunAsync();

    [Fact]
    public Task TopLevelBuilderInAnotherFile_IsNotUsed_CreatesSecretClient()
    {
        // Lookup offers the top-level `builder` in every file; using it outside Program.cs is CS8801.
        const string program = """
            using Microsoft.AspNetCore.Builder;

            var builder = WebApplication.CreateBuilder(args);
            builder.Build().Run();
            """;
        var test = new Verify101.Test();
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.TestState.Sources.Add(("Program.cs", program));
        test.TestState.Sources.Add(("Archive.cs", $$"""
            using Azure.Storage.Blobs;

            static class Archive
            {
                public static BlobServiceClient Create() => new BlobServiceClient({|#0:"{{TestSecrets.StorageConnectionString}}"|});
            }
            """));
        test.FixedState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.FixedState.Sources.Add(("Program.cs", program));
        test.FixedState.Sources.Add(("Archive.cs", """
            using System;
            using Azure.Identity;
            using Azure.Security.KeyVault.Secrets;
            using Azure.Storage.Blobs;

            static class Archive
            {
                public static BlobServiceClient Create() => new BlobServiceClient(new SecretClient(new Uri(Environment.GetEnvironmentVariable("AZURE_KEYVAULT_URI")!), new DefaultAzureCredential()).GetSecret("ConnectionString").Value.Value);
            }
            """));
        test.ExpectedDiagnostics.Add(Expected101(0, "Azure Storage account key", "AccountKey=UvIm\u2026"));
        return test.RunAsync();
    }

    [Fact]
    public Task ArgumentThroughLocal_FixesTheLiteral() => Verify102.VerifyCodeFixAsync("""
        using Azure.Identity;
        using Microsoft.Extensions.Configuration;

        class C
        {
            ClientSecretCredential Create(IConfiguration configuration)
            {
                var clientSecret = {|#1:"s3cr3t-value"|};
                return new ClientSecretCredential("tenant", "client", {|#0:clientSecret|});
            }
        }
        """, Verify102.Diagnostic(Descriptors.AZSEC102_HardcodedSecretArgument).WithLocation(0).WithLocation(1).WithArguments("the 'ClientSecretCredential' constructor", "clientSecret"), """
        using Azure.Identity;
        using Microsoft.Extensions.Configuration;

        class C
        {
            ClientSecretCredential Create(IConfiguration configuration)
            {
                var clientSecret = configuration["ClientSecret"]!;
                return new ClientSecretCredential("tenant", "client", clientSecret);
            }
        }
        """);

    [Fact]
    public Task FixAll_ReplacesEverySecretInTheDocument() => new Verify103.Test
    {
        TestCode = """
            using Microsoft.Extensions.Configuration;

            class C
            {
                void M(IConfiguration configuration)
                {
                    var dbPassword = {|#0:"changeme"|};
                    var apiKey = {|#1:"ak-2024-orders"|};
                    var token = {|#2:"tok-123456"|};
                }
            }
            """,
        FixedCode = """
            using Microsoft.Extensions.Configuration;

            class C
            {
                void M(IConfiguration configuration)
                {
                    var dbPassword = configuration["DbPassword"]!;
                    var apiKey = configuration["ApiKey"]!;
                    var token = configuration["Token"]!;
                }
            }
            """,
        ExpectedDiagnostics = { Expected103(0, "dbPassword"), Expected103(1, "apiKey"), Expected103(2, "token") },
    }.RunAsync();

    [Fact]
    public Task FixAll_WithNewSecretClients_AddsUsingsOnce() => new Verify103.Test
    {
        TestCode = """
            class C
            {
                private const string DbPassword = {|#0:"changeme"|};
                private static readonly string ApiKey = {|#1:"ak-2024-orders"|};
            }
            """,
        FixedCode = """
            using System;
            using Azure.Identity;
            using Azure.Security.KeyVault.Secrets;

            class C
            {
                private static readonly string DbPassword = new SecretClient(new Uri(Environment.GetEnvironmentVariable("AZURE_KEYVAULT_URI")!), new DefaultAzureCredential()).GetSecret("DbPassword").Value.Value;
                private static readonly string ApiKey = new SecretClient(new Uri(Environment.GetEnvironmentVariable("AZURE_KEYVAULT_URI")!), new DefaultAzureCredential()).GetSecret("ApiKey").Value.Value;
            }
            """,
        ExpectedDiagnostics = { Expected103(0, "DbPassword"), Expected103(1, "ApiKey") },
    }.RunAsync();

    [Fact]
    public async Task AttributeArgument_IsNotFixed()
    {
        var source = """
            using System;

            class LoginAttribute : Attribute { public string Password { get; set; } = ""; }

            [Login(Password = {|#0:"changeme"|})]
            class C { }
            """;
        await new Verify103.Test { TestCode = source, FixedCode = source, ExpectedDiagnostics = { Expected103(0, "Password") } }.RunAsync();
    }

    [Fact]
    public async Task InterpolatedPart_IsNotFixed()
    {
        var source = $$"""
            class C
            {
                string M(string name) => $"AccountName={name}{|#0:;AccountKey={{TestSecrets.StorageKey}}|}";
            }
            """;
        await new Verify101.Test { TestCode = source, FixedCode = source, ExpectedDiagnostics = { Expected101(0, "Azure Storage account key", "AccountKey=UvIm\u2026") } }.RunAsync();
    }
}
