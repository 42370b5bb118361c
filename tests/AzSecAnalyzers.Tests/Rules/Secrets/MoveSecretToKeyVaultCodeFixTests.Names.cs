using AzSecAnalyzers.Tests.Infrastructure;
using Verify101 = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Secrets.HardcodedCredentialAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Secrets.MoveSecretToKeyVaultCodeFix>;
using Verify103 = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Secrets.CredentialNamedSymbolAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Secrets.MoveSecretToKeyVaultCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Secrets;

/// <summary>Two different secrets never get one name: two clients would silently read the same secret.</summary>
public partial class MoveSecretToKeyVaultCodeFixTests
{
    private const string OtherSignature = "K5wdfg83xEkhvT9lZOrffxQqcmaMR%2BIj0W7djEe0avw%3D";

    private static readonly string InvoicesSasUrl = TestSecrets.SasUrl.Replace("receipts", "invoices").Replace(TestSecrets.SasSignature, OtherSignature);

    private static readonly string OtherStorageConnectionString = TestSecrets.StorageConnectionString.Replace(TestSecrets.StorageKey, TestSecrets.CosmosKey);

    [Fact]
    public Task TwoSasUrls_GetTwoNames_AndTheSameUrlKeepsItsName_InFixAll() => new Verify101.Test
    {
        TestCode = $$"""
            using System;
            using Azure.Storage.Blobs;
            using Microsoft.Extensions.Configuration;

            class C
            {
                void M(IConfiguration configuration)
                {
                    var receipts = new BlobContainerClient(new Uri({|#0:"{{TestSecrets.SasUrl}}"|}));
                    var invoices = new BlobContainerClient(new Uri({|#1:"{{InvoicesSasUrl}}"|}));
                    var archive = new BlobContainerClient(new Uri({|#2:"{{TestSecrets.SasUrl}}"|}));
                }
            }
            """,
        // One fix at a time cannot know the value behind a name already read, so it never reuses one.
        FixedCode = """
            using System;
            using Azure.Storage.Blobs;
            using Microsoft.Extensions.Configuration;

            class C
            {
                void M(IConfiguration configuration)
                {
                    var receipts = new BlobContainerClient(new Uri(configuration["UriString"]!));
                    var invoices = new BlobContainerClient(new Uri(configuration["Invoices-UriString"]!));
                    var archive = new BlobContainerClient(new Uri(configuration["Archive-UriString"]!));
                }
            }
            """,
        BatchFixedCode = """
            using System;
            using Azure.Storage.Blobs;
            using Microsoft.Extensions.Configuration;

            class C
            {
                void M(IConfiguration configuration)
                {
                    var receipts = new BlobContainerClient(new Uri(configuration["UriString"]!));
                    var invoices = new BlobContainerClient(new Uri(configuration["Invoices-UriString"]!));
                    var archive = new BlobContainerClient(new Uri(configuration["UriString"]!));
                }
            }
            """,
        ExpectedDiagnostics =
        {
            Expected101(0, "shared access signature (SAS) token", "sig=entP\u2026"),
            Expected101(1, "shared access signature (SAS) token", "sig=K5wd\u2026"),
            Expected101(2, "shared access signature (SAS) token", "sig=entP\u2026"),
        },
    }.RunAsync();

    [Fact]
    public Task TwoConnectionStrings_InTwoFiles_GetTwoNames_InProjectFixAll()
    {
        var test = new Verify101.Test
        {
            ExpectedDiagnostics =
            {
                Expected101(0, "Azure Storage account key", "AccountKey=UvIm\u2026"),
                Expected101(1, "Azure Storage account key", "AccountKey=jLYQ\u2026"),
            },
        };
        test.TestState.Sources.Add(("/0/Orders.cs", $$"""
            using Azure.Storage.Blobs;
            using Microsoft.Extensions.Configuration;

            class Orders
            {
                BlobServiceClient OrdersClient(IConfiguration configuration) => new BlobServiceClient({|#0:"{{TestSecrets.StorageConnectionString}}"|});
            }
            """));
        test.TestState.Sources.Add(("/0/Receipts.cs", $$"""
            using Azure.Storage.Blobs;
            using Microsoft.Extensions.Configuration;

            class Receipts
            {
                BlobServiceClient ReceiptsClient(IConfiguration configuration) => new BlobServiceClient({|#1:"{{OtherStorageConnectionString}}"|});
            }
            """));
        test.FixedState.Sources.Add(("/0/Orders.cs", """
            using Azure.Storage.Blobs;
            using Microsoft.Extensions.Configuration;

            class Orders
            {
                BlobServiceClient OrdersClient(IConfiguration configuration) => new BlobServiceClient(configuration["ConnectionString"]!);
            }
            """));
        test.FixedState.Sources.Add(("/0/Receipts.cs", """
            using Azure.Storage.Blobs;
            using Microsoft.Extensions.Configuration;

            class Receipts
            {
                BlobServiceClient ReceiptsClient(IConfiguration configuration) => new BlobServiceClient(configuration["ReceiptsClient-ConnectionString"]!);
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task SecretName_AlreadyReadInTheDocument_IsNotReusedForAnotherValue() => Verify101.VerifyCodeFixAsync($$"""
        using Azure.Storage.Blobs;
        using Microsoft.Extensions.Configuration;

        class C
        {
            string Existing(IConfiguration configuration) => configuration["ConnectionString"]!;

            BlobServiceClient Orders(IConfiguration configuration) => new BlobServiceClient({|#0:"{{TestSecrets.StorageConnectionString}}"|});
        }
        """,
        Expected101(0, "Azure Storage account key", "AccountKey=UvIm\u2026"),
        """
        using Azure.Storage.Blobs;
        using Microsoft.Extensions.Configuration;

        class C
        {
            string Existing(IConfiguration configuration) => configuration["ConnectionString"]!;

            BlobServiceClient Orders(IConfiguration configuration) => new BlobServiceClient(configuration["Orders-ConnectionString"]!);
        }
        """);

    [Fact]
    public Task WithoutKeyVaultPackageOrConfiguration_ReadsAnEnvironmentVariable_AndCompiles() => new Verify103.Test
    {
        NetCoreOnly = true,
        TestCode = """
            using System.Net;

            class Mailer
            {
                private const string SmtpPassword = {|#0:"S3cure-Passw0rd"|};
                private static readonly string ApiKey = {|#1:"ak-2024-orders"|};

                NetworkCredential Credential() => new NetworkCredential("mailer", SmtpPassword);

                string Token()
                {
                    var accessToken = {|#2:"tok-9f2c71"|};
                    return accessToken;
                }
            }
            """,
        FixedCode = """
            using System;
            using System.Net;

            class Mailer
            {
                private static readonly string SmtpPassword = Environment.GetEnvironmentVariable("SMTP_PASSWORD")!;
                private static readonly string ApiKey = Environment.GetEnvironmentVariable("API_KEY")!;

                NetworkCredential Credential() => new NetworkCredential("mailer", SmtpPassword);

                string Token()
                {
                    var accessToken = Environment.GetEnvironmentVariable("ACCESS_TOKEN")!;
                    return accessToken;
                }
            }
            """,
        ExpectedDiagnostics = { Expected103(0, "SmtpPassword"), Expected103(1, "ApiKey"), Expected103(2, "accessToken") },
    }.RunAsync();

    [Fact]
    public async Task WithoutKeyVaultPackage_TheFixIsTitledAsAnEnvironmentVariableRead()
    {
        var test = new Verify103.Test
        {
            NetCoreOnly = true,
            TestCode = """
                class C
                {
                    string M()
                    {
                        var password = {|#0:"S3cure-Passw0rd"|};
                        return password;
                    }
                }
                """,
            FixedCode = """
                using System;

                class C
                {
                    string M()
                    {
                        var password = Environment.GetEnvironmentVariable("PASSWORD")!;
                        return password;
                    }
                }
                """,
            ExpectedDiagnostics = { Expected103(0, "password") },
            CodeActionVerifier = (action, verifier) => verifier.Equal("Read 'PASSWORD' from an environment variable", action.Title),
        };
        await test.RunAsync();
    }
}
