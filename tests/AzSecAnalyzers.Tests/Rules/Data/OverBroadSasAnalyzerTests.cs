using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Data.OverBroadSasAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Data;

public class OverBroadSasAnalyzerTests
{
    private const string NoExpiry = "has no expiry: ExpiresOn is never set and no stored access policy Identifier is named";

    private static DiagnosticResult Expected(int location, string api, string problem)
        => Verify.Diagnostic(Descriptors.AZSEC502_OverBroadSas).WithLocation(location).WithArguments(api, problem);

    private const string SharedKey = "signs the SAS with the storage account key, which only a key rotation can revoke";

    private static string Days(int days, int max = 7) => $"expires in {days} days, more than {max}";

    [Fact]
    public Task BlobSasBuilder_OneYearExpiryInInitializer_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Storage.Sas;

        class C
        {
            BlobSasBuilder Create() => new BlobSasBuilder
            {
                BlobContainerName = "reports",
                Resource = "c",
                ExpiresOn = {|#0:DateTimeOffset.UtcNow.AddDays(365)|},
            };
        }
        """, Expected(0, "'BlobSasBuilder.ExpiresOn'", Days(365)));

    [Fact]
    public Task GenerateSasUri_AllPermissionsAndLongExpiry_TriggersTwice() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Storage.Blobs;
        using Azure.Storage.Sas;

        class C
        {
            Uri Share(BlobContainerClient container)
                => container.{|#2:GenerateSasUri|}({|#0:BlobContainerSasPermissions.All|}, {|#1:DateTimeOffset.UtcNow.AddYears(1)|});
        }
        """,
        Expected(0, "The 'BlobContainerClient.GenerateSasUri' argument 'permissions'", "grants all permissions (BlobContainerSasPermissions.All)"),
        Expected(1, "The 'BlobContainerClient.GenerateSasUri' argument 'expiresOn'", Days(365)),
        Expected(2, "'BlobContainerClient.GenerateSasUri'", SharedKey));

    [Fact]
    public Task EveryClientFamily_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Data.Tables;
        using Azure.Data.Tables.Sas;
        using Azure.Storage.Blobs;
        using Azure.Storage.Files.Shares;
        using Azure.Storage.Queues;
        using Azure.Storage.Sas;

        class C
        {
            void Run(BlobClient blob, QueueClient queue, TableClient table, ShareClient share, ShareFileClient file)
            {
                blob.{|#5:GenerateSasUri|}({|#0:BlobSasPermissions.All|}, DateTimeOffset.UtcNow.AddHours(1));
                queue.GenerateSasUri(QueueSasPermissions.Read, {|#1:DateTimeOffset.UtcNow.AddMonths(1)|});
                table.GenerateSasUri({|#2:TableSasPermissions.All|}, DateTimeOffset.UtcNow.AddDays(1));
                share.GenerateSasUri(ShareSasPermissions.Read, {|#3:DateTimeOffset.UtcNow + TimeSpan.FromDays(10)|});
                file.GenerateSasUri({|#4:ShareFileSasPermissions.All|}, DateTimeOffset.UtcNow.AddMinutes(30));
            }
        }
        """,
        Expected(0, "The 'BlobBaseClient.GenerateSasUri' argument 'permissions'", "grants all permissions (BlobSasPermissions.All)"),
        Expected(1, "The 'QueueClient.GenerateSasUri' argument 'expiresOn'", Days(30)),
        Expected(2, "The 'TableClient.GenerateSasUri' argument 'permissions'", "grants all permissions (TableSasPermissions.All)"),
        Expected(3, "The 'ShareClient.GenerateSasUri' argument 'expiresOn'", Days(10)),
        Expected(4, "The 'ShareFileClient.GenerateSasUri' argument 'permissions'", "grants all permissions (ShareFileSasPermissions.All)"),
        Expected(5, "'BlobClient.GenerateSasUri'", SharedKey));

    [Fact]
    public Task AccountSas_WriteAndDelete_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Data.Tables;
        using Azure.Data.Tables.Sas;
        using Azure.Storage.Blobs;
        using Azure.Storage.Sas;

        class C
        {
            void Run(BlobServiceClient service, TableServiceClient tables)
            {
                service.GenerateAccountSasUri({|#0:AccountSasPermissions.Read | AccountSasPermissions.Write | AccountSasPermissions.Delete|}, DateTimeOffset.UtcNow.AddHours(2), AccountSasResourceTypes.Object);
                var builder = new AccountSasBuilder(AccountSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1), AccountSasServices.Blobs, AccountSasResourceTypes.Object);
                builder.SetPermissions({|#1:AccountSasPermissions.All|});
                builder.SetPermissions({|#2:"rwdl"|});
                tables.GenerateSasUri({|#3:TableAccountSasPermissions.Write | TableAccountSasPermissions.Delete|}, TableAccountSasResourceTypes.Object, DateTimeOffset.UtcNow.AddHours(1));
            }
        }
        """,
        Expected(0, "The 'BlobServiceClient.GenerateAccountSasUri' argument 'permissions'", "grants write and delete on the whole storage account (AccountSasPermissions)"),
        Expected(1, "'AccountSasBuilder.SetPermissions'", "grants all permissions (AccountSasPermissions.All)"),
        Expected(2, "'AccountSasBuilder.SetPermissions'", "grants write and delete on the whole storage account (\"rwdl\")"),
        Expected(3, "The 'TableServiceClient.GenerateSasUri' argument 'permissions'", "grants write and delete on the whole storage account (TableAccountSasPermissions)"));

    [Fact]
    public Task TableAccountSasBuilder_RawPermissionsAndConstantLifetime_Trigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Data.Tables.Sas;

        class C
        {
            private const int LifetimeDays = 365;

            TableAccountSasBuilder Create()
                => new TableAccountSasBuilder({|#0:"rwdlau"|}, TableAccountSasResourceTypes.All, {|#1:DateTimeOffset.UtcNow.AddDays(LifetimeDays)|});

            TableAccountSasBuilder ReadOnly()
                => new TableAccountSasBuilder("rl", TableAccountSasResourceTypes.All, DateTimeOffset.UtcNow.AddDays(1));
        }
        """,
        Expected(0, "The 'TableAccountSasBuilder' constructor argument 'rawPermissions'", "grants write and delete on the whole storage account (\"rwdlau\")"),
        Expected(1, "The 'TableAccountSasBuilder' constructor argument 'expiresOn'", Days(365)));

    [Fact]
    public Task ServiceSas_WriteAndDelete_ReportsOnlyTheAccountKey() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Storage.Blobs;
        using Azure.Storage.Sas;

        class C
        {
            // Write and delete on one container is a normal upload/cleanup grant; only account scope is flagged.
            Uri Run(BlobContainerClient container)
                => container.{|#0:GenerateSasUri|}(BlobContainerSasPermissions.Write | BlobContainerSasPermissions.Delete, DateTimeOffset.UtcNow.AddHours(1));
        }
        """, Expected(0, "'BlobContainerClient.GenerateSasUri'", SharedKey));

    [Fact]
    public Task ExpiryForms_Trigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Storage.Sas;

        class C
        {
            private const int LifetimeDays = 90;

            void Run(BlobSasBuilder builder)
            {
                builder.ExpiresOn = {|#0:DateTimeOffset.Now.AddHours(24 * 30)|};
                builder.ExpiresOn = {|#1:DateTimeOffset.UtcNow.Add(new TimeSpan(14, 0, 0, 0))|};
                builder.ExpiresOn = {|#2:DateTimeOffset.UtcNow + TimeSpan.FromHours(200)|};
                builder.ExpiresOn = {|#3:DateTimeOffset.MaxValue|};
                builder.ExpiresOn = {|#4:DateTime.UtcNow.AddDays(LifetimeDays)|};
                var days = 60;
                var expiry = DateTimeOffset.UtcNow.AddDays(days);
                builder.ExpiresOn = {|#5:expiry|};
                builder.ExpiresOn = {|#6:DateTimeOffset.UtcNow.AddYears(10)|};
            }
        }
        """,
        Expected(0, "'BlobSasBuilder.ExpiresOn'", Days(30)),
        Expected(1, "'BlobSasBuilder.ExpiresOn'", Days(14)),
        Expected(2, "'BlobSasBuilder.ExpiresOn'", "expires in 8.3 days, more than 7"),
        Expected(3, "'BlobSasBuilder.ExpiresOn'", "never expires (MaxValue)"),
        Expected(4, "'BlobSasBuilder.ExpiresOn'", Days(90)),
        Expected(5, "'BlobSasBuilder.ExpiresOn'", Days(60)),
        Expected(6, "'BlobSasBuilder.ExpiresOn'", Days(3650)));

    [Fact]
    public Task ConstructorArguments_Trigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Data.Tables.Sas;
        using Azure.Storage.Sas;

        class C
        {
            void Run()
            {
                var blob = new BlobSasBuilder({|#0:BlobSasPermissions.All|}, {|#1:DateTimeOffset.UtcNow.AddDays(30)|});
                var queue = new QueueSasBuilder(QueueSasPermissions.Read, {|#2:DateTimeOffset.MaxValue|});
                var table = new TableSasBuilder("orders", TableSasPermissions.Read, {|#3:DateTimeOffset.UtcNow.AddDays(8)|});
                var share = new ShareSasBuilder({|#4:ShareSasPermissions.All|}, DateTimeOffset.UtcNow.AddDays(1));
            }
        }
        """,
        Expected(0, "The 'BlobSasBuilder' constructor argument 'permissions'", "grants all permissions (BlobSasPermissions.All)"),
        Expected(1, "The 'BlobSasBuilder' constructor argument 'expiresOn'", Days(30)),
        Expected(2, "The 'QueueSasBuilder' constructor argument 'expiresOn'", "never expires (MaxValue)"),
        Expected(3, "The 'TableSasBuilder' constructor argument 'expiresOn'", Days(8)),
        Expected(4, "The 'ShareSasBuilder' constructor argument 'permissions'", "grants all permissions (ShareSasPermissions.All)"));

    [Fact]
    public Task SevenDaysAndShorter_ReportOnlyTheAccountKey() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Storage.Blobs;
        using Azure.Storage.Sas;

        class C
        {
            void Run(BlobContainerClient container, BlobSasBuilder builder)
            {
                container.{|#0:GenerateSasUri|}(BlobContainerSasPermissions.Read, DateTimeOffset.UtcNow.AddDays(7));
                builder.ExpiresOn = DateTimeOffset.UtcNow.AddHours(168);
                builder.ExpiresOn = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(15);
                builder.ExpiresOn = DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-5);
                builder.SetPermissions(BlobSasPermissions.Read | BlobSasPermissions.Write);
            }
        }
        """, Expected(0, "'BlobContainerClient.GenerateSasUri'", SharedKey));

    [Fact]
    public Task NonConstantOrFixedExpiry_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Storage.Sas;

        class C
        {
            void Run(BlobSasBuilder builder, int days, DateTimeOffset requested, TimeSpan lifetime)
            {
                builder.ExpiresOn = DateTimeOffset.UtcNow.AddDays(days);
                builder.ExpiresOn = requested;
                builder.ExpiresOn = DateTimeOffset.UtcNow + lifetime;
                builder.ExpiresOn = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
                var reassigned = DateTimeOffset.UtcNow.AddDays(365);
                reassigned = DateTimeOffset.UtcNow.AddHours(1);
                builder.ExpiresOn = reassigned;
            }
        }
        """);

    [Fact]
    public Task OptionRaisesTheLimit_ThirtyDaysDoesNotTrigger()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System;
                using Azure.Storage.Sas;

                class C
                {
                    void Run(BlobSasBuilder builder)
                    {
                        builder.ExpiresOn = DateTimeOffset.UtcNow.AddDays(30);
                        builder.ExpiresOn = {|#0:DateTimeOffset.UtcNow.AddDays(31)|};
                    }
                }
                """,
            TestState = { AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\nazsec.AZSEC502.max_sas_lifetime_days = 30\n") } },
        };
        test.ExpectedDiagnostics.Add(Expected(0, "'BlobSasBuilder.ExpiresOn'", Days(31, max: 30)));
        return test.RunAsync();
    }

    [Fact]
    public Task InvalidOption_FallsBackToSevenDays()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System;
                using Azure.Storage.Sas;

                class C
                {
                    void Run(BlobSasBuilder builder) => builder.ExpiresOn = {|#0:DateTimeOffset.UtcNow.AddDays(8)|};
                }
                """,
            TestState = { AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\nazsec.AZSEC502.max_sas_lifetime_days = a week\n") } },
        };
        test.ExpectedDiagnostics.Add(Expected(0, "'BlobSasBuilder.ExpiresOn'", Days(8)));
        return test.RunAsync();
    }

    [Fact]
    public Task BuilderWithoutExpiry_Signed_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Storage;
        using Azure.Storage.Blobs;
        using Azure.Storage.Sas;

        class C
        {
            string Local(StorageSharedKeyCredential key)
            {
                var builder = new {|#0:BlobSasBuilder|} { BlobContainerName = "reports", Resource = "c" };
                builder.SetPermissions(BlobContainerSasPermissions.Read);
                return builder.{|#3:ToSasQueryParameters|}(key).ToString();
            }

            Uri Direct(BlobContainerClient container)
                => container.{|#4:GenerateSasUri|}(new {|#1:BlobSasBuilder|} { BlobContainerName = container.Name, Resource = "c" });

            Uri TargetTyped(BlobClient blob)
            {
                BlobSasBuilder builder = {|#2:new|}() { BlobContainerName = blob.BlobContainerName, BlobName = blob.Name, Resource = "b" };
                builder.SetPermissions(BlobSasPermissions.Read);
                return blob.{|#5:GenerateSasUri|}(builder);
            }
        }
        """,
        Expected(0, "'BlobSasBuilder'", NoExpiry),
        Expected(1, "'BlobSasBuilder'", NoExpiry),
        Expected(2, "'BlobSasBuilder'", NoExpiry),
        Expected(3, "'BlobSasBuilder.ToSasQueryParameters(StorageSharedKeyCredential)'", SharedKey),
        Expected(4, "'BlobContainerClient.GenerateSasUri'", SharedKey),
        Expected(5, "'BlobClient.GenerateSasUri'", SharedKey));

    [Fact]
    public Task BuilderWithExpiryOrStoredAccessPolicy_ReportsOnlyTheAccountKey() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Storage;
        using Azure.Storage.Blobs;
        using Azure.Storage.Sas;

        class C
        {
            string Later(StorageSharedKeyCredential key)
            {
                var builder = new BlobSasBuilder { BlobContainerName = "reports", Resource = "c" };
                builder.ExpiresOn = DateTimeOffset.UtcNow.AddHours(1);
                builder.SetPermissions(BlobContainerSasPermissions.Read);
                return builder.{|#0:ToSasQueryParameters|}(key).ToString();
            }

            Uri Policy(BlobContainerClient container)
                => container.{|#1:GenerateSasUri|}(new BlobSasBuilder { BlobContainerName = container.Name, Resource = "c", Identifier = "read-only-policy" });

            string PolicyLater(StorageSharedKeyCredential key)
            {
                var builder = new BlobSasBuilder { BlobContainerName = "reports", Resource = "c" };
                builder.Identifier = "read-only-policy";
                return builder.{|#2:ToSasQueryParameters|}(key).ToString();
            }
        }
        """,
        Expected(0, "'BlobSasBuilder.ToSasQueryParameters(StorageSharedKeyCredential)'", SharedKey),
        Expected(1, "'BlobContainerClient.GenerateSasUri'", SharedKey),
        Expected(2, "'BlobSasBuilder.ToSasQueryParameters(StorageSharedKeyCredential)'", SharedKey));

    [Fact]
    public Task BuilderThatEscapesOrIsNeverSigned_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Azure.Storage.Sas;

        class C
        {
            private BlobSasBuilder? _kept;

            BlobSasBuilder Returned() => new BlobSasBuilder { BlobContainerName = "reports" };

            void Configured(BlobSasBuilder builder) { }

            void Run()
            {
                var passed = new BlobSasBuilder { BlobContainerName = "reports" };
                Configured(passed);
                _kept = new BlobSasBuilder();
                var unused = new BlobSasBuilder { BlobContainerName = "reports" };
            }
        }
        """);

    [Fact]
    public Task UserDelegationSas_ShortLived_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;
        using Azure.Storage.Sas;

        class C
        {
            async Task<string> Run(BlobServiceClient service)
            {
                var expiresOn = DateTimeOffset.UtcNow.AddHours(1);
                var key = await service.GetUserDelegationKeyAsync(new BlobGetUserDelegationKeyOptions(expiresOn));
                var builder = new BlobSasBuilder(BlobSasPermissions.Read, expiresOn) { BlobContainerName = "reports", BlobName = "q3.pdf", Resource = "b" };
                return builder.ToSasQueryParameters(key.Value, service.AccountName).ToString();
            }
        }
        """);

    [Fact]
    public Task BlobAndDataLakeSasSignedWithTheAccountKey_Trigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Storage;
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Specialized;
        using Azure.Storage.Files.DataLake;
        using Azure.Storage.Sas;

        class C
        {
            Uri Blob(BlockBlobClient blob) => blob.{|#0:GenerateSasUri|}(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(15));

            Uri FileSystem(DataLakeFileSystemClient fileSystem)
                => fileSystem.{|#1:GenerateSasUri|}(DataLakeFileSystemSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(15));

            Uri Directory(DataLakeDirectoryClient directory)
                => directory.{|#2:GenerateSasUri|}(DataLakeSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(15));

            Uri File(DataLakeFileClient file)
                => file.{|#3:GenerateSasUri|}(new DataLakeSasBuilder(DataLakeSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(15)));

            string Signed(string account, string key)
            {
                var builder = new DataLakeSasBuilder(DataLakeSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(15)) { FileSystemName = "exports" };
                return builder.{|#4:ToSasQueryParameters|}(new StorageSharedKeyCredential(account, key)).ToString();
            }
        }
        """,
        Expected(0, "'BlockBlobClient.GenerateSasUri'", SharedKey),
        Expected(1, "'DataLakeFileSystemClient.GenerateSasUri'", SharedKey),
        Expected(2, "'DataLakeDirectoryClient.GenerateSasUri'", SharedKey),
        Expected(3, "'DataLakeFileClient.GenerateSasUri'", SharedKey),
        Expected(4, "'DataLakeSasBuilder.ToSasQueryParameters(StorageSharedKeyCredential)'", SharedKey));

    [Fact]
    public Task AccountKeySasWithoutAUserDelegationForm_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Data.Tables;
        using Azure.Data.Tables.Sas;
        using Azure.Storage;
        using Azure.Storage.Blobs;
        using Azure.Storage.Files.Shares;
        using Azure.Storage.Queues;
        using Azure.Storage.Sas;

        class C
        {
            void Run(QueueClient queue, TableClient table, ShareFileClient file, BlobServiceClient service, StorageSharedKeyCredential key)
            {
                queue.GenerateSasUri(QueueSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1));
                table.GenerateSasUri(TableSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1));
                file.GenerateSasUri(ShareFileSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1));
                service.GenerateAccountSasUri(AccountSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1), AccountSasResourceTypes.Object);
                _ = new QueueSasBuilder(QueueSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1)) { QueueName = "jobs" }.ToSasQueryParameters(key);
                _ = new AccountSasBuilder(AccountSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1), AccountSasServices.Blobs, AccountSasResourceTypes.Object).ToSasQueryParameters(key);
            }
        }
        """);

    [Fact]
    public Task HelperThatAlsoSignsWithAUserDelegationKey_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Models;
        using Azure.Storage.Sas;

        class SasFactory
        {
            async Task<Uri> Create(BlobServiceClient service, BlobClient blob, bool useAccountKey)
            {
                var builder = new BlobSasBuilder(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(15))
                {
                    BlobContainerName = blob.BlobContainerName,
                    BlobName = blob.Name,
                };

                if (useAccountKey && blob.CanGenerateSasUri)
                {
                    return blob.GenerateSasUri(builder);
                }

                UserDelegationKey key = await service.GetUserDelegationKeyAsync(new BlobGetUserDelegationKeyOptions(DateTimeOffset.UtcNow.AddMinutes(15)));
                return new BlobUriBuilder(blob.Uri) { Sas = builder.ToSasQueryParameters(key, service.AccountName) }.ToUri();
            }
        }
        """);

    [Fact]
    public Task UserTypesWithTheSameNames_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;

        namespace MySas
        {
            [Flags]
            public enum BlobSasPermissions { Read = 1, Write = 2, All = ~0 }

            public class BlobSasBuilder
            {
                public BlobSasBuilder() { }
                public BlobSasBuilder(BlobSasPermissions permissions, DateTimeOffset expiresOn) { }
                public DateTimeOffset ExpiresOn { get; set; }
                public string ToSasQueryParameters() => "";
            }

            public class BlobContainerClient
            {
                public Uri GenerateSasUri(BlobSasPermissions permissions, DateTimeOffset expiresOn) => new("https://example.com");
            }

            class C
            {
                void Run(BlobContainerClient container)
                {
                    container.GenerateSasUri(BlobSasPermissions.All, DateTimeOffset.MaxValue);
                    var builder = new BlobSasBuilder(BlobSasPermissions.All, DateTimeOffset.UtcNow.AddYears(1));
                    builder.ExpiresOn = DateTimeOffset.UtcNow.AddYears(1);
                    new BlobSasBuilder().ToSasQueryParameters();
                }
            }
        }
        """);

    [Fact]
    public Task StartsOnAndOtherDates_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Storage.Sas;

        class C
        {
            void Run(BlobSasBuilder builder)
            {
                builder.StartsOn = DateTimeOffset.UtcNow.AddDays(30);
                var later = DateTimeOffset.UtcNow.AddYears(1);
            }
        }
        """);

    [Fact]
    public Task PartialCodeWhileTyping_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            CompilerDiagnostics = CompilerDiagnostics.None,
            TestCode = """
                using System;
                using Azure.Storage.Blobs;
                using Azure.Storage.Sas;

                class C
                {
                    void Run(BlobContainerClient container, BlobSasBuilder builder)
                    {
                        container.GenerateSasUri(BlobContainerSasPermissions., DateTimeOffset.UtcNow.AddDays(
                        builder.ExpiresOn = DateTimeOffset.UtcNow.AddDays();
                        builder.ExpiresOn = DateTimeOffset.UtcNow + TimeSpan.FromDays("x");
                        var b = new BlobSasBuilder {
                        builder.SetPermissions(
                        builder.ExpiresOn = DateTimeOffset.UtcNow.AddDays(1e308).AddDays(1e308);
                    }
                }
                """,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task GeneratedCode_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using System;
        using Azure.Storage.Blobs;
        using Azure.Storage.Sas;

        class C
        {
            Uri Run(BlobContainerClient container) => container.GenerateSasUri(BlobContainerSasPermissions.All, DateTimeOffset.MaxValue);
        }
        """);
}
