using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Data.PublicBlobAccessAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Data;

public class PublicBlobAccessAnalyzerTests
{
    private const string Blobs = "every blob in the container";
    private const string Listing = "the container's blobs and list the container";

    private static DiagnosticResult Expected(int location, string api, string member, string exposed)
        => Verify.Diagnostic(Descriptors.AZSEC501_PublicBlobAccess).WithLocation(location).WithArguments(api, member, exposed);

    [Fact]
    public Task ContainerCreate_PositionalBlob_Triggers() => Verify.VerifyAnalyzerAsync("""
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;

        class C
        {
            void Run(BlobContainerClient container) => container.Create({|#0:PublicAccessType.Blob|});
        }
        """, Expected(0, "'BlobContainerClient.Create'", "Blob", Blobs));

    [Fact]
    public Task EveryContainerMethod_BlobContainer_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;

        class C
        {
            async Task Run(BlobContainerClient container)
            {
                await container.CreateAsync({|#0:PublicAccessType.BlobContainer|});
                container.CreateIfNotExists({|#1:PublicAccessType.BlobContainer|});
                await container.CreateIfNotExistsAsync(publicAccessType: {|#2:PublicAccessType.Blob|});
                container.SetAccessPolicy({|#3:PublicAccessType.Blob|});
                await container.SetAccessPolicyAsync(accessType: {|#4:PublicAccessType.BlobContainer|});
            }
        }
        """,
        Expected(0, "'BlobContainerClient.CreateAsync'", "BlobContainer", Listing),
        Expected(1, "'BlobContainerClient.CreateIfNotExists'", "BlobContainer", Listing),
        Expected(2, "'BlobContainerClient.CreateIfNotExistsAsync'", "Blob", Blobs),
        Expected(3, "'BlobContainerClient.SetAccessPolicy'", "Blob", Blobs),
        Expected(4, "'BlobContainerClient.SetAccessPolicyAsync'", "BlobContainer", Listing));

    [Fact]
    public Task ServiceCreateBlobContainer_NamedArgumentOutOfOrder_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;

        class C
        {
            async Task Run(BlobServiceClient service)
            {
                service.CreateBlobContainer("images", {|#0:PublicAccessType.Blob|});
                await service.CreateBlobContainerAsync(publicAccessType: {|#1:PublicAccessType.BlobContainer|}, blobContainerName: "public");
            }
        }
        """,
        Expected(0, "'BlobServiceClient.CreateBlobContainer'", "Blob", Blobs),
        Expected(1, "'BlobServiceClient.CreateBlobContainerAsync'", "BlobContainer", Listing));

    [Fact]
    public Task ConstantAndLocalHoldingOnlyPublicAccess_Trigger() => Verify.VerifyAnalyzerAsync("""
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;

        class C
        {
            private const PublicAccessType Access = PublicAccessType.Blob;

            void Run(BlobContainerClient container)
            {
                container.Create({|#0:Access|});
                const PublicAccessType listing = PublicAccessType.BlobContainer;
                container.CreateIfNotExists({|#1:listing|});
                var access = PublicAccessType.Blob;
                container.SetAccessPolicy({|#2:access|});
            }
        }
        """,
        Expected(0, "'BlobContainerClient.Create'", "Blob", Blobs),
        Expected(1, "'BlobContainerClient.CreateIfNotExists'", "BlobContainer", Listing),
        Expected(2, "'BlobContainerClient.SetAccessPolicy'", "Blob", Blobs));

    [Fact]
    public Task NoneDefaultAndOmitted_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;

        class C
        {
            void Run(BlobContainerClient container, BlobServiceClient service)
            {
                container.Create(PublicAccessType.None);
                container.Create();
                container.CreateIfNotExists();
                container.SetAccessPolicy(PublicAccessType.None);
                service.CreateBlobContainer("private");
                service.CreateBlobContainer("private", PublicAccessType.None);
            }
        }
        """);

    [Fact]
    public Task RunTimeValues_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;

        class C
        {
            void Run(BlobContainerClient container, PublicAccessType fromCaller, bool makePublic)
            {
                container.Create(fromCaller);
                container.Create(makePublic ? PublicAccessType.Blob : PublicAccessType.None);
                container.Create(Enum.Parse<PublicAccessType>(Environment.GetEnvironmentVariable("ACCESS") ?? "None"));
                var reassigned = PublicAccessType.Blob;
                if (!makePublic)
                {
                    reassigned = PublicAccessType.None;
                }

                container.Create(reassigned);
            }
        }
        """);

    [Fact]
    public Task LocalPassedByRefOrDeclaredWithoutValue_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;

        class C
        {
            static void Harden(ref PublicAccessType access) => access = PublicAccessType.None;

            void Run(BlobContainerClient container, bool flag)
            {
                var access = PublicAccessType.Blob;
                Harden(ref access);
                container.Create(access);
                PublicAccessType later;
                later = PublicAccessType.Blob;
                container.Create(later);
            }
        }
        """);

    [Fact]
    public Task ComparisonsAndSwitches_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Azure.Storage.Blobs.Models;

        class C
        {
            bool IsPublic(BlobContainerProperties properties)
                => properties.PublicAccess == PublicAccessType.Blob || properties.PublicAccess is PublicAccessType.BlobContainer;
        }
        """);

    [Fact]
    public Task UserTypesWithTheSameNames_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        namespace MyStorage
        {
            public enum PublicAccessType { None, BlobContainer, Blob }

            public class BlobContainerClient
            {
                public void Create(PublicAccessType access) { }
                public void SetAccessPolicy(PublicAccessType access) { }
            }

            class C
            {
                void Run(BlobContainerClient container)
                {
                    container.Create(PublicAccessType.Blob);
                    container.SetAccessPolicy(PublicAccessType.BlobContainer);
                }
            }
        }
        """);

    [Fact]
    public Task OtherMethodTakingPublicAccessType_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Azure.Storage.Blobs.Models;

        class C
        {
            static void Describe(PublicAccessType access) { }

            void Run() => Describe(PublicAccessType.Blob);
        }
        """);

    [Fact]
    public Task DevelopmentGuardedAzuriteSetup_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;
        using Microsoft.Extensions.Hosting;

        class C
        {
            void Seed(IHostEnvironment environment)
            {
                if (environment.IsDevelopment())
                {
                    var container = new BlobContainerClient("UseDevelopmentStorage=true", "samples");
                    container.CreateIfNotExists(PublicAccessType.Blob);
                }
        #if DEBUG
                new BlobContainerClient("UseDevelopmentStorage=true", "debug").Create(PublicAccessType.BlobContainer);
        #endif
            }
        }
        """);

    [Fact]
    public Task AzuriteClientOutsideDevelopmentGuard_Triggers() => Verify.VerifyAnalyzerAsync("""
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;

        class C
        {
            // The client's connection string is not followed: only a development guard marks local-only code.
            void Seed() => new BlobContainerClient("UseDevelopmentStorage=true", "samples").CreateIfNotExists({|#0:PublicAccessType.Blob|});
        }
        """, Expected(0, "'BlobContainerClient.CreateIfNotExists'", "Blob", Blobs));

    [Fact]
    public Task NumberCast_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;

        class C
        {
            void Run(BlobContainerClient container) => container.Create((PublicAccessType)2);
        }
        """);

    [Fact]
    public Task WithoutBlobsPackage_DoesNotTrigger()
    {
        var test = new Verify.Test
        {
            NetCoreOnly = true,
            TestCode = """
                class C
                {
                    void Run() { }
                }
                """,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task PartialCodeWhileTyping_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            CompilerDiagnostics = CompilerDiagnostics.None,
            TestCode = """
                using Azure.Storage.Blobs;
                using Azure.Storage.Blobs.Models;

                class C
                {
                    void Run(BlobContainerClient container, BlobServiceClient service)
                    {
                        container.Create(PublicAccessType.
                        container.SetAccessPolicy(accessType: );
                        service.CreateBlobContainer(, PublicAccessType.Blob
                        var access = ;
                        container.Create(access);
                    }
                }
                """,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task GeneratedCode_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;

        class C
        {
            void Run(BlobContainerClient container) => container.Create(PublicAccessType.Blob);
        }
        """);
}
