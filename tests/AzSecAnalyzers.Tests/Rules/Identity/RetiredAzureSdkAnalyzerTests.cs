using System.Collections.Immutable;
using AzSecAnalyzers.Rules.Identity;
using AzSecAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Identity.RetiredAzureSdkAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Identity;

/// <summary>
/// AZSEC205 against the real retired assemblies the registry serves (TestReferences.WithRetiredSdks) and the
/// stand-ins of the ones it does not (RetiredSdkStandIns). The expected successors are written out here, not
/// taken from the analyzer.
/// </summary>
public partial class RetiredAzureSdkAnalyzerTests
{
    private const string AnyStorage = "Azure.Storage.Blobs BlobServiceClient(Uri, TokenCredential), or the Azure.Storage.Queues, Azure.Data.Tables or Azure.Storage.Files.Shares service client with a TokenCredential";
    private const string BlobService = "Azure.Storage.Blobs BlobServiceClient(Uri, TokenCredential)";
    private const string Blob = "Azure.Storage.Blobs BlobClient(Uri, TokenCredential)";
    private const string BlobContainer = "Azure.Storage.Blobs BlobContainerClient(Uri, TokenCredential)";
    private const string QueueService = "Azure.Storage.Queues QueueServiceClient(Uri, TokenCredential)";
    private const string Queue = "Azure.Storage.Queues QueueClient(Uri, TokenCredential)";
    private const string TableService = "Azure.Data.Tables TableServiceClient(Uri, TokenCredential)";
    private const string ShareService = "Azure.Storage.Files.Shares ShareServiceClient(Uri, TokenCredential, ShareClientOptions { ShareTokenIntent = Backup })";
    private const string ServiceBus = "Azure.Messaging.ServiceBus ServiceBusClient(string fullyQualifiedNamespace, TokenCredential)";
    private const string ServiceBusAdministration = "Azure.Messaging.ServiceBus ServiceBusAdministrationClient(string fullyQualifiedNamespace, TokenCredential)";
    private const string EventHubs = "Azure.Messaging.EventHubs EventHubProducerClient(string fullyQualifiedNamespace, string eventHubName, TokenCredential) or EventHubConsumerClient";
    private const string EventProcessor = "Azure.Messaging.EventHubs.Processor EventProcessorClient(BlobContainerClient, string consumerGroup, string fullyQualifiedNamespace, string eventHubName, TokenCredential)";
    private const string Cosmos = "Microsoft.Azure.Cosmos CosmosClient(string accountEndpoint, TokenCredential)";
    private const string KeyVault = "Azure.Security.KeyVault.Secrets SecretClient(Uri, TokenCredential) (KeyClient and CertificateClient for keys and certificates)";
    private const string Identity = "Azure.Identity (ManagedIdentityCredential, WorkloadIdentityCredential or another TokenCredential) or MSAL's ConfidentialClientApplicationBuilder";

    private static DiagnosticResult Expected(int location, string api, string package, string successor)
        => Verify.Diagnostic(Descriptors.AZSEC205_RetiredAzureSdk).WithLocation(location).WithArguments($"'{api}'", package, successor);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, Array.Empty<string>(), expected);

    private static Task VerifyAsync(string source, string[] standIns, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        test.TestState.Sources.AddRange(standIns.Select((text, i) => ($"StandIn{i}.cs", SourceText.From(text))));
        test.TestState.AdditionalReferences.AddRange(TestReferences.WithRetiredSdks);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task WindowsAzureStorage_AccountParseCredentialsAndClients_Trigger() => VerifyAsync("""
        using System;
        using Microsoft.WindowsAzure.Storage;
        using Microsoft.WindowsAzure.Storage.Auth;
        using Microsoft.WindowsAzure.Storage.Blob;

        class Archive
        {
            void Open(string connectionString, string accountName, string accountKey, Uri blobUri, Uri serviceUri)
            {
                var account = CloudStorageAccount.{|#0:Parse|}(connectionString);
                var blobs = account.{|#1:CreateCloudBlobClient|}();
                var queues = account.{|#2:CreateCloudQueueClient|}();
                var tables = account.{|#3:CreateCloudTableClient|}();
                var files = account?.{|#4:CreateCloudFileClient|}();
                var credentials = new {|#5:StorageCredentials|}(accountName, accountKey);
                var client = new {|#6:CloudBlobClient|}(serviceUri, credentials);
                if (CloudStorageAccount.{|#7:TryParse|}(connectionString, out var parsed))
                {
                }

                var upload = new {|#8:CloudBlockBlob|}(blobUri);
                CloudBlobContainer container = {|#9:new|}(blobUri);
            }
        }
        """,
        Expected(0, "CloudStorageAccount.Parse", "WindowsAzure.Storage", AnyStorage),
        Expected(1, "CloudStorageAccount.CreateCloudBlobClient", "WindowsAzure.Storage", BlobService),
        Expected(2, "CloudStorageAccount.CreateCloudQueueClient", "WindowsAzure.Storage", QueueService),
        Expected(3, "CloudStorageAccount.CreateCloudTableClient", "WindowsAzure.Storage", TableService),
        Expected(4, "CloudStorageAccount.CreateCloudFileClient", "WindowsAzure.Storage", ShareService),
        Expected(5, "StorageCredentials", "WindowsAzure.Storage", AnyStorage),
        Expected(6, "CloudBlobClient", "WindowsAzure.Storage", BlobService),
        Expected(7, "CloudStorageAccount.TryParse", "WindowsAzure.Storage", AnyStorage),
        Expected(8, "CloudBlockBlob", "WindowsAzure.Storage", Blob),
        Expected(9, "CloudBlobContainer", "WindowsAzure.Storage", BlobContainer));

    [Fact]
    public Task MicrosoftAzureStorage_ExtensionFactoriesAndConstructors_Trigger() => VerifyAsync("""
        using System;
        using Microsoft.Azure.Storage;
        using Microsoft.Azure.Storage.Auth;
        using Microsoft.Azure.Storage.Blob;
        using Microsoft.Azure.Storage.Queue;

        class Uploader
        {
            void Open(string connectionString, string accountName, string accountKey, Uri queueUri)
            {
                var account = CloudStorageAccount.{|#0:Parse|}(connectionString);
                var blobs = account.{|#1:CreateCloudBlobClient|}();
                var sameBlobs = BlobAccountExtensions.{|#2:CreateCloudBlobClient|}(account);
                var queues = account.{|#3:CreateCloudQueueClient|}();
                var queue = new {|#4:CloudQueue|}(queueUri, new {|#5:StorageCredentials|}(accountName, accountKey));
            }
        }
        """,
        Expected(0, "CloudStorageAccount.Parse", "Microsoft.Azure.Storage.Common", AnyStorage),
        Expected(1, "CloudStorageAccount.CreateCloudBlobClient", "Microsoft.Azure.Storage.Blob", BlobService),
        Expected(2, "CloudStorageAccount.CreateCloudBlobClient", "Microsoft.Azure.Storage.Blob", BlobService),
        Expected(3, "CloudStorageAccount.CreateCloudQueueClient", "Microsoft.Azure.Storage.Queue", QueueService),
        Expected(4, "CloudQueue", "Microsoft.Azure.Storage.Queue", Queue),
        Expected(5, "StorageCredentials", "Microsoft.Azure.Storage.Common", AnyStorage));

    [Fact]
    public Task FactoryCalledWithoutReceiver_IsReportedOnItsName() => VerifyAsync("""
        using static Microsoft.WindowsAzure.Storage.CloudStorageAccount;

        class Startup
        {
            object Open(string connectionString) => {|#0:Parse|}(connectionString);
        }
        """,
        Expected(0, "CloudStorageAccount.Parse", "WindowsAzure.Storage", AnyStorage));

    [Fact]
    public Task CosmosTable_AccountAndTableClient_Trigger() => VerifyAsync("""
        using Microsoft.Azure.Cosmos.Table;

        class Audit
        {
            CloudTableClient Open(string connectionString) => CloudStorageAccount.{|#0:Parse|}(connectionString).{|#1:CreateCloudTableClient|}();

            CloudTableClient OpenWithKey(string accountName, string accountKey)
                => new {|#2:CloudStorageAccount|}(new {|#3:StorageCredentials|}(accountName, accountKey), useHttps: true).{|#4:CreateCloudTableClient|}(new TableClientConfiguration());
        }
        """,
        Expected(0, "CloudStorageAccount.Parse", "Microsoft.Azure.Cosmos.Table", TableService),
        Expected(1, "CloudStorageAccount.CreateCloudTableClient", "Microsoft.Azure.Cosmos.Table", TableService),
        Expected(2, "CloudStorageAccount", "Microsoft.Azure.Cosmos.Table", TableService),
        Expected(3, "StorageCredentials", "Microsoft.Azure.Cosmos.Table", TableService),
        Expected(4, "CloudStorageAccount.CreateCloudTableClient", "Microsoft.Azure.Cosmos.Table", TableService));

    [Fact]
    public Task KeyVaultClient_Triggers() => VerifyAsync("""
        using System.Threading.Tasks;
        using Microsoft.Azure.KeyVault;

        class Secrets
        {
            KeyVaultClient Open() => new {|#0:KeyVaultClient|}(GetTokenAsync);

            static Task<string> GetTokenAsync(string authority, string resource, string scope) => Task.FromResult(string.Empty);
        }
        """,
        Expected(0, "KeyVaultClient", "Microsoft.Azure.KeyVault", KeyVault));

    [Fact]
    public Task AdalAuthenticationContext_Triggers_OncePerConstruction() => VerifyAsync("""
        using Microsoft.IdentityModel.Clients.ActiveDirectory;

        class Tokens
        {
            private readonly AuthenticationContext _context = new {|#0:AuthenticationContext|}("https://login.microsoftonline.com/contoso.onmicrosoft.com");

            AuthenticationContext Other() => {|#1:new|}("https://login.microsoftonline.com/fabrikam.onmicrosoft.com", validateAuthority: true);

            AuthenticationContext Same() => _context;
        }
        """,
        Expected(0, "AuthenticationContext", "Microsoft.IdentityModel.Clients.ActiveDirectory (ADAL)", Identity),
        Expected(1, "AuthenticationContext", "Microsoft.IdentityModel.Clients.ActiveDirectory (ADAL)", Identity));

    [Fact]
    public Task ModernSdkTypesWithTheSameSimpleNames_DoNotTrigger() => VerifyAsync("""
        using System;
        using Azure.Identity;
        using Azure.Storage.Blobs;
        using Azure.Storage.Queues;
        using Azure.Data.Tables;
        using Azure.Messaging.ServiceBus;
        using Azure.Messaging.EventHubs.Producer;
        using Azure.Security.KeyVault.Secrets;
        using Microsoft.Azure.Cosmos;

        class Modern
        {
            void Open(Uri blobs, Uri queue, Uri tables, Uri vault, string accountEndpoint)
            {
                var credential = new DefaultAzureCredential();
                _ = new BlobServiceClient(blobs, credential);
                _ = new BlobContainerClient(blobs, credential);
                _ = new QueueClient(queue, credential);
                _ = new TableServiceClient(tables, credential);
                _ = new ServiceBusClient("contoso.servicebus.windows.net", credential);
                _ = new EventHubProducerClient("contoso.servicebus.windows.net", "telemetry", credential);
                _ = new SecretClient(vault, credential);
                _ = new CosmosClient(accountEndpoint, credential);
            }
        }
        """);

    [Fact]
    public Task UserTypesNamedLikeRetiredOnes_AndMentionsWithoutConstruction_DoNotTrigger() => VerifyAsync("""
        using System;
        using Microsoft.WindowsAzure.Storage.Blob;

        namespace Contoso.Storage
        {
            class CloudStorageAccount
            {
                public static CloudStorageAccount Parse(string text) => new CloudStorageAccount();
                public CloudBlobClient CreateCloudBlobClient() => null!;
            }

            class DocumentClient { }

            class AuthenticationContext { }

            class Uses
            {
                private CloudBlobClient? _injected;

                void M(string text, CloudBlobClient client)
                {
                    _ = CloudStorageAccount.Parse(text);
                    _ = new DocumentClient();
                    _ = new AuthenticationContext();
                    _ = nameof(Microsoft.WindowsAzure.Storage.CloudStorageAccount);
                    _ = typeof(CloudBlobClient);
                    _ = client.GetContainerReference("archive");
                    _ = client.GetContainerReference("archive").CreateIfNotExistsAsync();
                    _ = client.GetContainerReference("archive").GetBlockBlobReference("a.txt").CreateSnapshotAsync();
                    _ = Microsoft.WindowsAzure.Storage.CloudStorageAccount.DevelopmentStorageAccount;
                    Func<string, Microsoft.WindowsAzure.Storage.CloudStorageAccount> parse = Microsoft.WindowsAzure.Storage.CloudStorageAccount.Parse;
                    _injected = client;
                }
            }
        }
        """);

    [Fact]
    public Task CompilationWithoutRetiredPackages_DoesNotTrigger()
    {
        // Only the base library: the rule looks each package's marker type up once and registers nothing.
        var test = new Verify.Test
        {
            NetCoreOnly = true,
            TestCode = """
                namespace Microsoft.WindowsAzure.Storage.Lookalike
                {
                    class CloudStorageAccount
                    {
                        public static CloudStorageAccount Parse(string text) => new CloudStorageAccount();
                    }

                    class Uses
                    {
                        object M() => CloudStorageAccount.Parse("UseDevelopmentStorage=true");
                    }
                }
                """,
        };
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task PartialCode_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Microsoft.WindowsAzure.Storage;
                using Microsoft.WindowsAzure.Storage.Blob;

                class C
                {
                    object A(string s) => CloudStorageAccount.Parse(
                    object B() => new CloudBlobClient(
                    object D() => CloudStorageAccount.TryParse("x", out );
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        // Calls that do not bind (a missing argument) are not constructions yet: nothing to report, nothing to crash on.
        test.TestState.AdditionalReferences.AddRange(TestReferences.WithRetiredSdks);
        return test.RunAsync(CancellationToken.None);
    }

    // ---- Pay-for-play ---------------------------------------------------------------------------

    private const string AzureAppWithoutRetiredPackages = """
        using System;
        using Azure.Identity;
        using Azure.Storage.Blobs;

        public static class Storage
        {
            public static BlobServiceClient Open(Uri serviceUri) => new BlobServiceClient(serviceUri, new DefaultAzureCredential());
        }
        """;

    [Fact]
    public async Task NoRetiredPackageReferenced_RegistersNothing()
    {
        // The modern Azure SDK, ASP.NET Core and the rest of an Azure app are referenced; none of the retired packages is.
        var telemetry = await TelemetryAsync(TestReferences.All);
        Assert.Equal(0, telemetry.OperationActionsCount);
        Assert.Equal(0, telemetry.SyntaxNodeActionsCount);
    }

    [Fact]
    public async Task RetiredPackageReferenced_RegistersItsActions()
    {
        // The control for the test above: the same app with the retired assemblies referenced does register.
        var telemetry = await TelemetryAsync(TestReferences.WithRetiredSdks);
        Assert.Equal(2, telemetry.OperationActionsCount);
    }

    private static async Task<AnalyzerTelemetryInfo> TelemetryAsync(ImmutableArray<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(
            "PayForPlay",
            new[] { CSharpSyntaxTree.ParseText(AzureAppWithoutRetiredPackages, TestSetup.ParseOptions) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var analyzer = new RetiredAzureSdkAnalyzer();
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        Assert.Empty(await withAnalyzers.GetAnalyzerDiagnosticsAsync());
        return await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
    }
}
