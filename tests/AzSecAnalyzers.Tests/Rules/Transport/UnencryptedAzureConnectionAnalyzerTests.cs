using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Transport.UnencryptedAzureConnectionAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Transport;

public class UnencryptedAzureConnectionAnalyzerTests
{
    private const string UseHttps = "use https://";

    // The fix's span travels as an additional location; where it lies is proven by the code-fix tests' fixed sources.
    private static DiagnosticResult Expected(int location, string problem, string fix)
        => Verify.Diagnostic(Descriptors.AZSEC303_UnencryptedAzureConnection).WithLocation(location).WithArguments(problem, fix)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static DiagnosticResult Http(int location, string host, string service)
        => Expected(location, $"'http://{host}' reaches {service} without TLS", UseHttps);

    [Fact]
    public Task HttpUriToEachAzureService_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Identity;
        using Azure.Messaging.ServiceBus;
        using Azure.Security.KeyVault.Secrets;
        using Azure.Storage.Blobs;

        class C
        {
            void Create(DefaultAzureCredential credential)
            {
                _ = new BlobServiceClient(new Uri({|#0:"http://contoso.blob.core.windows.net"|}), credential);
                _ = new SecretClient(new Uri({|#1:"http://contoso-vault.vault.azure.net/"|}), credential);
                _ = new ServiceBusClient({|#2:"http://contoso.servicebus.windows.net"|}, credential);
                _ = new Uri({|#3:"http://contoso.documents.azure.com:443/"|});
                _ = new Uri({|#4:"http://contoso.azconfig.io"|});
                _ = new Uri({|#5:"http://contoso.search.windows.net/indexes/orders"|});
                _ = new Uri({|#6:"http://contoso.openai.azure.com/openai/deployments/gpt"|});
                _ = new Uri({|#7:"http://contoso.webpubsub.azure.com"|});
                _ = new Uri({|#8:"http://contoso.service.signalr.net"|});
                _ = new Uri({|#9:"http://contoso.blob.core.chinacloudapi.cn/receipts"|});
                _ = new Uri({|#10:"http://contoso.vault.usgovcloudapi.net"|});
            }
        }
        """,
        Http(0, "contoso.blob.core.windows.net", "Azure Storage"),
        Http(1, "contoso-vault.vault.azure.net", "Azure Key Vault"),
        Http(2, "contoso.servicebus.windows.net", "Azure Service Bus / Event Hubs"),
        Http(3, "contoso.documents.azure.com", "Azure Cosmos DB"),
        Http(4, "contoso.azconfig.io", "Azure App Configuration"),
        Http(5, "contoso.search.windows.net", "Azure AI Search"),
        Http(6, "contoso.openai.azure.com", "Azure OpenAI / AI services"),
        Http(7, "contoso.webpubsub.azure.com", "Azure Web PubSub"),
        Http(8, "contoso.service.signalr.net", "Azure SignalR Service"),
        Http(9, "contoso.blob.core.chinacloudapi.cn", "Azure Storage"),
        Http(10, "contoso.vault.usgovcloudapi.net", "Azure Key Vault"));

    [Fact]
    public Task HttpUriInConstantAndUnrelatedStringApi_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class C
        {
            private const string Receipts = {|#0:"http://contoso.blob.core.windows.net/receipts"|};

            Task<string> ReadAsync(HttpClient http) => http.GetStringAsync({|#1:@"HTTP://contoso.queue.core.windows.net/orders?comp=list"|});
        }
        """,
        Http(0, "contoso.blob.core.windows.net", "Azure Storage"),
        Http(1, "contoso.queue.core.windows.net", "Azure Storage"));

    [Fact]
    public Task SasTokenInUri_IsNotEchoed() => Verify.VerifyAnalyzerAsync("""
        class C
        {
            string Url => {|#0:"http://contoso.blob.core.windows.net/c/b.json?sv=2024-01-01&se=2030-01-01&sig=bm90LWEtcmVhbC1zaWduYXR1cmU%3D"|};
        }
        """, Http(0, "contoso.blob.core.windows.net", "Azure Storage"));

    [Fact]
    public Task InterpolatedAndConcatenatedUris_Trigger() => Verify.VerifyAnalyzerAsync("""
        class C
        {
            string Blob(string account, string container) => {|#0:$"http://{account}.blob.core.windows.net/{container}"|};
            string Queue(string account) => {|#1:"http://" + account + ".queue.core.windows.net"|};
            string Secure(string account) => $"https://{account}.blob.core.windows.net";
            string Other(string host) => $"http://{host}/api";
        }
        """,
        Http(0, "*.blob.core.windows.net", "Azure Storage"),
        Http(1, "*.queue.core.windows.net", "Azure Storage"));

    [Fact]
    public Task StorageConnectionString_DefaultEndpointsProtocolHttp_TriggersOnTheValue() => Verify.VerifyAnalyzerAsync("""
        using Azure.Storage.Blobs;

        class C
        {
            BlobServiceClient Create() => new("DefaultEndpointsProtocol={|#0:http|};AccountName=contoso;AccountKey=<key>;EndpointSuffix=core.windows.net");
        }
        """, Expected(0, "'DefaultEndpointsProtocol=http' makes the Azure Storage client use plain HTTP", "use DefaultEndpointsProtocol=https"));

    [Fact]
    public Task ConnectionStringHttpEndpoint_TriggersOnTheValue() => Verify.VerifyAnalyzerAsync("""
        class C
        {
            const string Storage = "BlobEndpoint={|#0:http://contoso.blob.core.windows.net/|};SharedAccessSignature=<sas>";
            const string Cosmos = "AccountEndpoint={|#1:http://contoso.documents.azure.com:443/|};AccountKey=<key>;";
        }
        """,
        Expected(0, "'BlobEndpoint=http://contoso.blob.core.windows.net' reaches Azure Storage without TLS", UseHttps),
        Expected(1, "'AccountEndpoint=http://contoso.documents.azure.com' reaches Azure Cosmos DB without TLS", UseHttps));

    [Fact]
    public Task ConnectionStringWithEscapes_TriggersOnTheValue() => Verify.VerifyAnalyzerAsync("""
        class C
        {
            const string Storage = "AccountName=contoso;\tAccountKey=<key>;DefaultEndpointsProtocol={|#0:http|};EndpointSuffix=core.windows.net";
            const string Sql = @"Server=contoso.database.windows.net;Application Name=""orders"";Encrypt={|#1:False|}";
        }
        """,
        Expected(0, "'DefaultEndpointsProtocol=http' makes the Azure Storage client use plain HTTP", "use DefaultEndpointsProtocol=https"),
        Expected(1, "'Encrypt=False' lets the connection to Azure SQL travel unencrypted", "use Encrypt=True"));

    [Fact]
    public Task InterpolatedAndConcatenatedConnectionStrings_ConstantParts_Trigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Data.SqlClient;
        using StackExchange.Redis;

        class C
        {
            SqlConnection Sql(string server, string db)
                => new($"Server=tcp:{server}.database.windows.net,1433;Database={db};Encrypt={|#0:False|};Authentication=Active Directory Default");

            ConnectionMultiplexer Redis(string name, string key)
                => ConnectionMultiplexer.Connect($"{name}.redis.cache.windows.net:6380,password={key},ssl={|#1:false|},abortConnect=false");

            string Storage(string account, string key)
                => $"DefaultEndpointsProtocol={|#2:http|};AccountName={account};AccountKey={key};EndpointSuffix=core.windows.net";

            SqlConnection Concatenated(string server)
                => new("Server=tcp:" + server + ".database.windows.net;Database=orders;Encrypt={|#3:False|}");

            string Trusted(string server, string db)
                => $"Data Source={server}.database.windows.net;Initial Catalog={db};TrustServerCertificate={|#4:True|}";

            // The endpoint spans a hole: the whole string is marked.
            string Cosmos(string account, string key) => {|#5:$"AccountEndpoint=http://{account}.documents.azure.com:443/;AccountKey={key}"|};
        }
        """,
        Expected(0, "'Encrypt=False' lets the connection to Azure SQL travel unencrypted", "use Encrypt=True"),
        Expected(1, "'ssl=false' sends Azure Cache for Redis traffic in plain text", "use ssl=true"),
        Expected(2, "'DefaultEndpointsProtocol=http' makes the Azure Storage client use plain HTTP", "use DefaultEndpointsProtocol=https"),
        Expected(3, "'Encrypt=False' lets the connection to Azure SQL travel unencrypted", "use Encrypt=True"),
        Expected(4, "'TrustServerCertificate=True' skips validation of the Azure SQL server certificate", "remove TrustServerCertificate"),
        Expected(5, "'AccountEndpoint=http://*.documents.azure.com' reaches Azure Cosmos DB without TLS", UseHttps));

    [Fact]
    public Task InterpolatedConnectionStrings_UnknownOrLocalServerOrEncrypted_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Extensions.Logging;

        class C
        {
            string UnknownServer(string server, string db) => $"Server={server};Database={db};Encrypt=False";
            string Local(string db) => $"Server=localhost,1433;Database={db};Encrypt=False;TrustServerCertificate=True";
            string Encrypted(string server) => $"Server=tcp:{server}.database.windows.net;Encrypt=True;Authentication=Active Directory Default";
            string LocalRedis(string key) => $"localhost:6379,password={key},ssl=false";
            string UnknownRedis(string host, string key) => $"{host}:6380,password={key},ssl=false";
            string Secure(string account) => $"DefaultEndpointsProtocol=https;AccountName={account};EndpointSuffix=core.windows.net";
            string Emulator(string host) => $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;BlobEndpoint=http://{host}:10000/devstoreaccount1";
            void Log(ILogger logger, string server) => logger.LogWarning($"Server {server} answered with Encrypt=False");
        }
        """);

    [Fact]
    public Task ConcatenationOfALiteralWithItsOwnFinding_ReportsItOnce() => Verify.VerifyAnalyzerAsync("""
        class C
        {
            string Sql(string db) => "Server=contoso.database.windows.net;Encrypt={|#0:False|};Database=" + db;
        }
        """, Expected(0, "'Encrypt=False' lets the connection to Azure SQL travel unencrypted", "use Encrypt=True"));

    [Fact]
    public Task AzureSqlConnectionString_EncryptOffAndTrustServerCertificate_Trigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Data.SqlClient;
        using Microsoft.EntityFrameworkCore;

        class C
        {
            SqlConnection A() => new("Server=tcp:contoso.database.windows.net,1433;Database=orders;Encrypt={|#0:False|};Authentication=Active Directory Default");
            SqlConnection B() => new("Data Source=contoso.database.windows.net;Initial Catalog=orders;Encrypt={|#1:no|}");
            SqlConnection D() => new("Server=contoso.database.windows.net;Encrypt={|#2:Optional|};TrustServerCertificate={|#3:True|}");

            void Configure(DbContextOptionsBuilder options)
                => options.UseSqlServer("Server=contoso.database.usgovcloudapi.net;Database=orders;Trust Server Certificate={|#4:yes|}");
        }
        """,
        Expected(0, "'Encrypt=False' lets the connection to Azure SQL travel unencrypted", "use Encrypt=True"),
        Expected(1, "'Encrypt=no' lets the connection to Azure SQL travel unencrypted", "use Encrypt=True"),
        Expected(2, "'Encrypt=Optional' lets the connection to Azure SQL travel unencrypted", "use Encrypt=True"),
        Expected(3, "'TrustServerCertificate=True' skips validation of the Azure SQL server certificate", "remove TrustServerCertificate"),
        Expected(4, "'Trust Server Certificate=yes' skips validation of the Azure SQL server certificate", "remove TrustServerCertificate"));

    [Fact]
    public Task SqlConnectionStrings_EncryptedStrictOrLocal_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Data.SqlClient;

        class C
        {
            SqlConnection A() => new("Server=tcp:contoso.database.windows.net,1433;Database=orders;Encrypt=True");
            SqlConnection B() => new("Server=contoso.database.windows.net;Encrypt=Strict;TrustServerCertificate=True");
            SqlConnection D() => new("Server=localhost;Database=orders;Encrypt=False;TrustServerCertificate=True");
            SqlConnection E() => new("Server=(localdb)\\MSSQLLocalDB;Database=orders;Encrypt=False");
            SqlConnection F() => new("Server=sql-onprem.contoso.local;Database=orders;TrustServerCertificate=True");
            SqlConnection G() => new("Server=contoso.database.windows.net;Encrypt=Mandatory");
        }
        """);

    [Fact]
    public Task SqlConnectionStringBuilder_Settings_Trigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Data.SqlClient;

        class C
        {
            SqlConnectionStringBuilder A(string server) => new()
            {
                DataSource = server,
                Encrypt = {|#0:false|},
                TrustServerCertificate = {|#1:true|},
            };

            SqlConnectionStringBuilder B()
            {
                var builder = new SqlConnectionStringBuilder("Server=contoso.database.windows.net");
                builder.Encrypt = {|#2:SqlConnectionEncryptOption.Optional|};
                return builder;
            }
        }
        """,
        Expected(0, "'SqlConnectionStringBuilder.Encrypt = false' lets the SQL connection travel unencrypted", "set it to true"),
        Expected(1, "'SqlConnectionStringBuilder.TrustServerCertificate = true' skips validation of the SQL server certificate", "set it to false"),
        Expected(2, "'SqlConnectionStringBuilder.Encrypt = SqlConnectionEncryptOption.Optional' lets the SQL connection travel unencrypted", "use SqlConnectionEncryptOption.Mandatory or Strict"));

    [Fact]
    public Task SqlConnectionStringBuilder_LocalServerOrSecureValues_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Data.SqlClient;

        class C
        {
            SqlConnectionStringBuilder A() => new() { DataSource = "localhost", Encrypt = false, TrustServerCertificate = true };

            SqlConnectionStringBuilder B()
            {
                var builder = new SqlConnectionStringBuilder("Server=(localdb)\\MSSQLLocalDB;Database=orders");
                builder.TrustServerCertificate = true;
                return builder;
            }

            SqlConnectionStringBuilder D(bool trust) => new()
            {
                Encrypt = SqlConnectionEncryptOption.Strict,
                TrustServerCertificate = trust,
            };
        }
        """);

    [Fact]
    public Task RedisConnectionStrings_Trigger() => Verify.VerifyAnalyzerAsync("""
        using StackExchange.Redis;

        class C
        {
            ConnectionMultiplexer A() => ConnectionMultiplexer.Connect("contoso.redis.cache.windows.net:6380,password=<key>,ssl={|#0:False|},abortConnect=False");
            ConnectionMultiplexer B() => ConnectionMultiplexer.Connect("contoso.redis.cache.windows.net:{|#1:6379|},password=<key>");
            ConfigurationOptions D() => ConfigurationOptions.Parse("{|#2:contoso.redis.cache.windows.net|},password=<key>,abortConnect=false");
        }
        """,
        Expected(0, "'ssl=False' sends Azure Cache for Redis traffic in plain text", "use ssl=true"),
        Expected(1, "'contoso.redis.cache.windows.net:6379' is the plain-text port of Azure Cache for Redis", "use port 6380 with ssl=true"),
        Expected(2, "'contoso.redis.cache.windows.net' without ssl=true connects to Azure Cache for Redis on its plain-text port 6379", "add ssl=true"));

    [Fact]
    public Task RedisConnectionStrings_TlsOrLocal_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using StackExchange.Redis;

        class C
        {
            ConnectionMultiplexer A() => ConnectionMultiplexer.Connect("contoso.redis.cache.windows.net:6380,password=<key>,ssl=True,abortConnect=False");
            ConnectionMultiplexer B() => ConnectionMultiplexer.Connect("contoso.redis.cache.windows.net:6380,password=<key>");
            ConnectionMultiplexer D() => ConnectionMultiplexer.Connect("localhost:6379,ssl=false");
            ConnectionMultiplexer E() => ConnectionMultiplexer.Connect("contoso.westeurope.redis.azure.net:10000,password=<key>");
            string Host => "contoso.redis.cache.windows.net";
        }
        """);

    [Fact]
    public Task SasProtocolHttpsAndHttp_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Data.Tables.Sas;
        using Azure.Storage.Sas;

        class C
        {
            BlobSasBuilder Blob() => new() { BlobContainerName = "receipts", Protocol = {|#0:SasProtocol.HttpsAndHttp|}, ExpiresOn = DateTimeOffset.UtcNow.AddHours(1) };

            void Table(TableSasBuilder builder) => builder.Protocol = {|#1:TableSasProtocol.HttpsAndHttp|};
        }
        """,
        Expected(0, "'SasProtocol.HttpsAndHttp' lets the SAS be used over plain HTTP", "use SasProtocol.Https"),
        Expected(1, "'TableSasProtocol.HttpsAndHttp' lets the SAS be used over plain HTTP", "use TableSasProtocol.Https"));

    [Fact]
    public Task SasProtocolComparisonsAndHttps_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Azure.Storage.Sas;

        class C
        {
            bool AllowsHttp(BlobSasBuilder builder) => builder.Protocol == SasProtocol.HttpsAndHttp;

            BlobSasBuilder Blob() => new() { Protocol = SasProtocol.Https };
        }
        """);

    [Fact]
    public Task RequireHttpsMetadataFalse_Triggers() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Authentication.OpenIdConnect;
        using Microsoft.Extensions.DependencyInjection;

        static class Auth
        {
            public static void Add(IServiceCollection services)
            {
                services.AddAuthentication()
                    .AddJwtBearer(options => options.RequireHttpsMetadata = {|#0:false|})
                    .AddOpenIdConnect(options =>
                    {
                        options.Authority = "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0";
                        options.RequireHttpsMetadata = {|#1:false|};
                    });
            }
        }
        """,
        Expected(0, "'JwtBearerOptions.RequireHttpsMetadata = false' lets the token signing keys and metadata be fetched over plain HTTP", "set it to true"),
        Expected(1, "'OpenIdConnectOptions.RequireHttpsMetadata = false' lets the token signing keys and metadata be fetched over plain HTTP", "set it to true"));

    [Fact]
    public Task RequireHttpsMetadataFalseInASharedDefaultsExtension_Triggers_ComputedDoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        public static class AuthenticationDefaults
        {
            public static IServiceCollection AddDefaultAuthentication(this IHostApplicationBuilder builder)
            {
                var identity = builder.Configuration.GetSection("Identity");
                if (!identity.Exists())
                {
                    return builder.Services;
                }

                builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
                {
                    options.Authority = identity["Url"];
                    options.Audience = identity["Audience"];
                    options.RequireHttpsMetadata = {|#0:false|};
                });

                return builder.Services;
            }

            public static void AddComputed(this IHostApplicationBuilder builder)
                => builder.Services.AddAuthentication().AddJwtBearer(options =>
                    options.RequireHttpsMetadata = !builder.Environment.IsDevelopment() && builder.Configuration["Identity:Url"]!.StartsWith("https"));
        }
        """,
        Expected(0, "'JwtBearerOptions.RequireHttpsMetadata = false' lets the token signing keys and metadata be fetched over plain HTTP", "set it to true"));

    [Fact]
    public Task OpenIdConnectOptionsConfiguredByName_Triggers_DevelopmentGuarded_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Authentication.OpenIdConnect;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        static class Auth
        {
            public static void Add(IServiceCollection services, IHostEnvironment environment)
            {
                services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
                {
                    options.RequireHttpsMetadata = {|#0:false|};
                });

                services.PostConfigure<OpenIdConnectOptions>("partner", options =>
                {
                    if (environment.IsDevelopment())
                    {
                        options.RequireHttpsMetadata = false;
                    }
                });
            }
        }
        """,
        Expected(0, "'OpenIdConnectOptions.RequireHttpsMetadata = false' lets the token signing keys and metadata be fetched over plain HTTP", "set it to true"));

    [Fact]
    public Task RequireHttpsMetadata_TrueDevelopmentOnlyOrComputed_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        class Program
        {
            static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddAuthentication().AddJwtBearer(options =>
                {
                    options.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
                    if (builder.Environment.IsDevelopment())
                    {
                        options.RequireHttpsMetadata = false;
                    }
                });
                builder.Services.AddAuthentication().AddJwtBearer("b", options => options.RequireHttpsMetadata = true);
            }
        }
        """);

    [Fact]
    public Task LocalAndEmulatorEndpoints_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Azure.Storage.Blobs;

        class C
        {
            const string Azurite = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";
            const string Custom = "DefaultEndpointsProtocol=http;AccountName=orders;AccountKey=<key>;BlobEndpoint=http://azurite:10000/orders;";
            const string Development = "UseDevelopmentStorage=true";
            const string Local = "http://localhost:10000/devstoreaccount1";
            const string Loopback = "http://127.0.0.1:8081/";
            const string Cosmos = "AccountEndpoint=https://localhost:8081/;AccountKey=<key>";

            BlobServiceClient Create() => new(Azurite);
        }
        """);

    [Fact]
    public Task LookAlikes_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        /// <summary>Talks to http://contoso.blob.core.windows.net in old versions.</summary>
        class C
        {
            // Was: http://contoso.blob.core.windows.net
            const string Secure = "https://contoso.blob.core.windows.net";
            const string Amqp = "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=<key>";
            const string NotAzure = "http://contoso.example.com/blob.core.windows.net";
            const string LookAlike = "http://blob.core.windows.net.contoso.example";
            const string OwnSite = "http://contoso.azurewebsites.net";
            const string Imds = "http://169.254.169.254/metadata/identity/oauth2/token";
            const string Message = "Could not reach http://contoso.blob.core.windows.net";
            const string Schema = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
            const string Placeholder = "http://";
        }
        """);

    [Fact]
    public Task SanitizerTokenAndAttributeTestData_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;

        [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
        sealed class InlineDataAttribute(params object[] data) : Attribute;

        class Sanitizer
        {
            static readonly string[] CredentialTokens = { "DefaultEndpointsProtocol=http", "AccountKey=", "Password=" };

            [InlineData("http://storage.blob.core.windows.net/functions/func.zip", true)]
            [InlineData("DefaultEndpointsProtocol=http;AccountName=contoso;AccountKey=<key>", false)]
            public void IsBlobUri(string uri, bool expected) { }
        }
        """);

    [Fact]
    public Task NetCoreOnlyCompilation_StillReportsLiterals()
    {
        var test = new Verify.Test
        {
            NetCoreOnly = true,
            TestCode = """
                using System;

                class C
                {
                    Uri Endpoint => new({|#0:"http://contoso.table.core.windows.net"|});
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Http(0, "contoso.table.core.windows.net", "Azure Storage"));
        return test.RunAsync();
    }

    [Fact]
    public Task PartialCodeHugeAndMalformedLiterals_DoNotCrash()
    {
        var huge = new string('a', 40_000);
        var test = new Verify.Test
        {
            CompilerDiagnostics = CompilerDiagnostics.None,
            TestCode = $$"""
                using Microsoft.Data.SqlClient;

                class C
                {
                    const string Huge = "http://contoso.blob.core.windows.net/{{huge}}";
                    const string Malformed = "Server==;;Encrypt;=False;TrustServerCertificate=\"True";
                    const string Redis = ",,,=,:,ssl=,contoso.redis.cache.windows.net:";
                    void M(SqlConnectionStringBuilder builder)
                    {
                        builder.Encrypt =
                        var url = "http://contoso.blob.core.windows.net
                    }
                }
                """,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task GeneratedCode_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        class C
        {
            const string Endpoint = "http://contoso.blob.core.windows.net";
        }
        """);
}
