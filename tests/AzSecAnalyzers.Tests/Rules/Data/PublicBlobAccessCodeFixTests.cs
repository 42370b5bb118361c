using AzSecAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Data.PublicBlobAccessAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Data.PublicBlobAccessCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Data;

public class PublicBlobAccessCodeFixTests
{
    private static DiagnosticResult Expected(int location, string api, string member)
        => Verify.Diagnostic(Descriptors.AZSEC501_PublicBlobAccess).WithLocation(location).WithArguments(
            api,
            member,
            member == "Blob" ? "every blob in the container" : "the container's blobs and list the container");

    [Fact]
    public Task WrittenOutMember_BecomesNone() => Verify.VerifyCodeFixAsync("""
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;

        class C
        {
            void Run(BlobContainerClient container) => container.Create({|#0:PublicAccessType.Blob|});
        }
        """, Expected(0, "'BlobContainerClient.Create'", "Blob"), """
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;

        class C
        {
            void Run(BlobContainerClient container) => container.Create(PublicAccessType.None);
        }
        """, EquivalenceKeys.DisablePublicBlobAccess);

    [Fact]
    public Task FullyQualifiedNamedArgument_KeepsQualification() => Verify.VerifyCodeFixAsync("""
        using Azure.Storage.Blobs;

        class C
        {
            void Run(BlobServiceClient service)
                => service.CreateBlobContainer("public", publicAccessType: {|#0:Azure.Storage.Blobs.Models.PublicAccessType.BlobContainer|});
        }
        """, Expected(0, "'BlobServiceClient.CreateBlobContainer'", "BlobContainer"), """
        using Azure.Storage.Blobs;

        class C
        {
            void Run(BlobServiceClient service)
                => service.CreateBlobContainer("public", publicAccessType: Azure.Storage.Blobs.Models.PublicAccessType.None);
        }
        """, EquivalenceKeys.DisablePublicBlobAccess);

    [Fact]
    public Task ConstantAndLocal_ReplacedAtTheCallWithImport() => Verify.VerifyCodeFixAsync("""
        using Azure.Storage.Blobs;

        class C
        {
            private const Azure.Storage.Blobs.Models.PublicAccessType Access = Azure.Storage.Blobs.Models.PublicAccessType.Blob;

            void Run(BlobContainerClient container)
            {
                container.Create({|#0:Access|});
            }
        }
        """, Expected(0, "'BlobContainerClient.Create'", "Blob"), """
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;

        class C
        {
            private const Azure.Storage.Blobs.Models.PublicAccessType Access = Azure.Storage.Blobs.Models.PublicAccessType.Blob;

            void Run(BlobContainerClient container)
            {
                container.Create(PublicAccessType.None);
            }
        }
        """, EquivalenceKeys.DisablePublicBlobAccess);

    [Fact]
    public Task FixAll_ReplacesEveryFinding() => Verify.VerifyCodeFixAsync("""
        using System.Threading.Tasks;
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;

        class C
        {
            async Task Run(BlobContainerClient container, BlobServiceClient service)
            {
                await container.CreateIfNotExistsAsync({|#0:PublicAccessType.BlobContainer|});
                container.SetAccessPolicy({|#1:PublicAccessType.Blob|});
                await service.CreateBlobContainerAsync("x", {|#2:PublicAccessType.Blob|});
            }
        }
        """, new[]
        {
            Expected(0, "'BlobContainerClient.CreateIfNotExistsAsync'", "BlobContainer"),
            Expected(1, "'BlobContainerClient.SetAccessPolicy'", "Blob"),
            Expected(2, "'BlobServiceClient.CreateBlobContainerAsync'", "Blob"),
        }, """
        using System.Threading.Tasks;
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;

        class C
        {
            async Task Run(BlobContainerClient container, BlobServiceClient service)
            {
                await container.CreateIfNotExistsAsync(PublicAccessType.None);
                container.SetAccessPolicy(PublicAccessType.None);
                await service.CreateBlobContainerAsync("x", PublicAccessType.None);
            }
        }
        """, EquivalenceKeys.DisablePublicBlobAccess);
}
