using AzSecAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Transport.UnencryptedAzureConnectionAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Transport.UnencryptedAzureConnectionCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Transport;

public class UnencryptedAzureConnectionCodeFixTests
{
    private const string UseHttps = "use https://";

    // The fix's span travels as an additional location; where it lies is proven by the code-fix tests' fixed sources.
    private static DiagnosticResult Expected(int location, string problem, string fix)
        => Verify.Diagnostic(Descriptors.AZSEC303_UnencryptedAzureConnection).WithLocation(location).WithArguments(problem, fix)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static DiagnosticResult Http(int location, string host, string service = "Azure Storage")
        => Expected(location, $"'http://{host}' reaches {service} without TLS", UseHttps);

    [Fact]
    public Task UriLiteral_BecomesHttps() => Verify.VerifyCodeFixAsync("""
        using System;
        using Azure.Identity;
        using Azure.Storage.Blobs;

        class C
        {
            BlobServiceClient Create() => new(new Uri({|#0:"http://contoso.blob.core.windows.net/"|}), new DefaultAzureCredential());
        }
        """, Http(0, "contoso.blob.core.windows.net"), """
        using System;
        using Azure.Identity;
        using Azure.Storage.Blobs;

        class C
        {
            BlobServiceClient Create() => new(new Uri("https://contoso.blob.core.windows.net/"), new DefaultAzureCredential());
        }
        """, EquivalenceKeys.UseEncryptedAzureConnection);

    [Fact]
    public Task UriWithExplicitPort80_HasNoFix()
    {
        const string source = """
            class C
            {
                const string Endpoint = {|#0:"http://contoso.blob.core.windows.net:80/receipts"|};
            }
            """;
        return Verify.VerifyCodeFixAsync(source, Http(0, "contoso.blob.core.windows.net"), source);
    }

    [Fact]
    public Task InterpolatedAndConcatenatedUris_BecomeHttps() => Verify.VerifyCodeFixAsync("""
        class C
        {
            string Blob(string account) => {|#0:$"http://{account}.blob.core.windows.net/receipts"|};
            string Queue(string account) => {|#1:"http://" + account + ".queue.core.windows.net"|};
        }
        """, new[] { Http(0, "*.blob.core.windows.net"), Http(1, "*.queue.core.windows.net") }, """
        class C
        {
            string Blob(string account) => $"https://{account}.blob.core.windows.net/receipts";
            string Queue(string account) => "https://" + account + ".queue.core.windows.net";
        }
        """);

    [Fact]
    public Task DefaultEndpointsProtocol_BecomesHttps() => Verify.VerifyCodeFixAsync("""
        using Azure.Storage.Blobs;

        class C
        {
            BlobServiceClient Create() => new("DefaultEndpointsProtocol={|#0:http|};AccountName=contoso;AccountKey=<key>;EndpointSuffix=core.windows.net");
        }
        """, Expected(0, "'DefaultEndpointsProtocol=http' makes the Azure Storage client use plain HTTP", "use DefaultEndpointsProtocol=https"), """
        using Azure.Storage.Blobs;

        class C
        {
            BlobServiceClient Create() => new("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=<key>;EndpointSuffix=core.windows.net");
        }
        """);

    [Fact]
    public Task LiteralWithEscapes_IsEditedInPlace() => Verify.VerifyCodeFixAsync("""
        class C
        {
            const string Storage = "AccountName=contoso;\tAccountKey=<key>;DefaultEndpointsProtocol={|#0:http|};EndpointSuffix=core.windows.net";
            const string Sql = @"Server=contoso.database.windows.net;Application Name=""orders"";Encrypt={|#1:False|}";
        }
        """, new[]
        {
            Expected(0, "'DefaultEndpointsProtocol=http' makes the Azure Storage client use plain HTTP", "use DefaultEndpointsProtocol=https"),
            Expected(1, "'Encrypt=False' lets the connection to Azure SQL travel unencrypted", "use Encrypt=True"),
        }, """
        class C
        {
            const string Storage = "AccountName=contoso;\tAccountKey=<key>;DefaultEndpointsProtocol=https;EndpointSuffix=core.windows.net";
            const string Sql = @"Server=contoso.database.windows.net;Application Name=""orders"";Encrypt=True";
        }
        """);

    [Fact]
    public Task InterpolatedAndConcatenatedConnectionStrings_AreFixedInTheirConstantParts() => Verify.VerifyCodeFixAsync("""
        using Microsoft.Data.SqlClient;

        class C
        {
            SqlConnection A(string server) => new($"Server=tcp:{server}.database.windows.net;Encrypt={|#0:False|};TrustServerCertificate={|#1:True|};Database=orders");
            string B(string name, string key) => $"{name}.redis.cache.windows.net:6380,password={key},ssl={|#2:false|}";
            SqlConnection D(string server) => new("Server=" + server + ".database.windows.net;Encrypt={|#3:no|}");
        }
        """, new[]
        {
            Expected(0, "'Encrypt=False' lets the connection to Azure SQL travel unencrypted", "use Encrypt=True"),
            Expected(1, "'TrustServerCertificate=True' skips validation of the Azure SQL server certificate", "remove TrustServerCertificate"),
            Expected(2, "'ssl=false' sends Azure Cache for Redis traffic in plain text", "use ssl=true"),
            Expected(3, "'Encrypt=no' lets the connection to Azure SQL travel unencrypted", "use Encrypt=True"),
        }, """
        using Microsoft.Data.SqlClient;

        class C
        {
            SqlConnection A(string server) => new($"Server=tcp:{server}.database.windows.net;Encrypt=True;Database=orders");
            string B(string name, string key) => $"{name}.redis.cache.windows.net:6380,password={key},ssl=true";
            SqlConnection D(string server) => new("Server=" + server + ".database.windows.net;Encrypt=True");
        }
        """);

    [Fact]
    public Task InterpolatedTextWithEscapedBraces_IsReportedWholeWithoutAFix()
    {
        const string source = """
            class C
            {
                string A(string server) => {|#0:$"Server={server}.database.windows.net;Application Name={{orders}};Encrypt=False"|};
            }
            """;
        return Verify.VerifyCodeFixAsync(source, Expected(0, "'Encrypt=False' lets the connection to Azure SQL travel unencrypted", "use Encrypt=True"), source);
    }

    [Fact]
    public Task SqlConnectionString_EncryptAndTrustServerCertificate_AreFixed() => Verify.VerifyCodeFixAsync("""
        using Microsoft.Data.SqlClient;

        class C
        {
            SqlConnection A() => new("Server=contoso.database.windows.net;Encrypt={|#0:Optional|}; TrustServerCertificate={|#1:True|}; Database=orders");
            SqlConnection B() => new("Server=contoso.database.windows.net;Database=orders;TrustServerCertificate={|#2:True|}");
        }
        """, new[]
        {
            Expected(0, "'Encrypt=Optional' lets the connection to Azure SQL travel unencrypted", "use Encrypt=True"),
            Expected(1, "'TrustServerCertificate=True' skips validation of the Azure SQL server certificate", "remove TrustServerCertificate"),
            Expected(2, "'TrustServerCertificate=True' skips validation of the Azure SQL server certificate", "remove TrustServerCertificate"),
        }, """
        using Microsoft.Data.SqlClient;

        class C
        {
            SqlConnection A() => new("Server=contoso.database.windows.net;Encrypt=True; Database=orders");
            SqlConnection B() => new("Server=contoso.database.windows.net;Database=orders");
        }
        """);

    [Fact]
    public Task RedisConnectionStrings_AreFixed() => Verify.VerifyCodeFixAsync("""
        using StackExchange.Redis;

        class C
        {
            ConnectionMultiplexer A() => ConnectionMultiplexer.Connect("contoso.redis.cache.windows.net:6380,password=<key>,ssl={|#0:false|}");
            ConnectionMultiplexer B() => ConnectionMultiplexer.Connect("contoso.redis.cache.windows.net:{|#1:6379|},password=<key>");
            ConnectionMultiplexer D() => ConnectionMultiplexer.Connect("{|#2:contoso.redis.cache.windows.net|},password=<key>");
        }
        """, new[]
        {
            Expected(0, "'ssl=false' sends Azure Cache for Redis traffic in plain text", "use ssl=true"),
            Expected(1, "'contoso.redis.cache.windows.net:6379' is the plain-text port of Azure Cache for Redis", "use port 6380 with ssl=true"),
            Expected(2, "'contoso.redis.cache.windows.net' without ssl=true connects to Azure Cache for Redis on its plain-text port 6379", "add ssl=true"),
        }, """
        using StackExchange.Redis;

        class C
        {
            ConnectionMultiplexer A() => ConnectionMultiplexer.Connect("contoso.redis.cache.windows.net:6380,password=<key>,ssl=true");
            ConnectionMultiplexer B() => ConnectionMultiplexer.Connect("contoso.redis.cache.windows.net:6380,password=<key>");
            ConnectionMultiplexer D() => ConnectionMultiplexer.Connect("contoso.redis.cache.windows.net,ssl=true,password=<key>");
        }
        """);

    [Fact]
    public Task SqlConnectionStringBuilder_IsFixed() => Verify.VerifyCodeFixAsync("""
        using Microsoft.Data.SqlClient;

        class C
        {
            SqlConnectionStringBuilder A(string server) => new()
            {
                DataSource = server,
                Encrypt = {|#0:false|},
                TrustServerCertificate = {|#1:true|},
            };

            void B(SqlConnectionStringBuilder builder) => builder.Encrypt = {|#2:SqlConnectionEncryptOption.Optional|};
        }
        """, new[]
        {
            Expected(0, "'SqlConnectionStringBuilder.Encrypt = false' lets the SQL connection travel unencrypted", "set it to true"),
            Expected(1, "'SqlConnectionStringBuilder.TrustServerCertificate = true' skips validation of the SQL server certificate", "set it to false"),
            Expected(2, "'SqlConnectionStringBuilder.Encrypt = SqlConnectionEncryptOption.Optional' lets the SQL connection travel unencrypted", "use SqlConnectionEncryptOption.Mandatory or Strict"),
        }, """
        using Microsoft.Data.SqlClient;

        class C
        {
            SqlConnectionStringBuilder A(string server) => new()
            {
                DataSource = server,
                Encrypt = true,
                TrustServerCertificate = false,
            };

            void B(SqlConnectionStringBuilder builder) => builder.Encrypt = SqlConnectionEncryptOption.Mandatory;
        }
        """);

    [Fact]
    public Task SasProtocolAndRequireHttpsMetadata_AreFixed() => Verify.VerifyCodeFixAsync("""
        using Azure.Storage.Sas;
        using Microsoft.AspNetCore.Authentication.JwtBearer;

        class C
        {
            void Sas(BlobSasBuilder builder) => builder.Protocol = {|#0:SasProtocol.HttpsAndHttp|};

            void Jwt(JwtBearerOptions options) => options.RequireHttpsMetadata = {|#1:false|};
        }
        """, new[]
        {
            Expected(0, "'SasProtocol.HttpsAndHttp' lets the SAS be used over plain HTTP", "use SasProtocol.Https"),
            Expected(1, "'JwtBearerOptions.RequireHttpsMetadata = false' lets the token signing keys and metadata be fetched over plain HTTP", "set it to true"),
        }, """
        using Azure.Storage.Sas;
        using Microsoft.AspNetCore.Authentication.JwtBearer;

        class C
        {
            void Sas(BlobSasBuilder builder) => builder.Protocol = SasProtocol.Https;

            void Jwt(JwtBearerOptions options) => options.RequireHttpsMetadata = true;
        }
        """);

    [Fact]
    public Task FixAll_FixesEveryFindingInTheProject()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("A.cs", """
            class A
            {
                const string Blob = {|#0:"http://contoso.blob.core.windows.net"|};
                const string Sql = "Server=contoso.database.windows.net;Encrypt={|#1:False|};TrustServerCertificate={|#2:True|}";
            }
            """));
        test.TestState.Sources.Add(("B.cs", """
            using Azure.Storage.Sas;

            class B
            {
                void Sas(BlobSasBuilder builder) => builder.Protocol = {|#3:SasProtocol.HttpsAndHttp|};
            }
            """));
        test.FixedState.Sources.Add(("A.cs", """
            class A
            {
                const string Blob = "https://contoso.blob.core.windows.net";
                const string Sql = "Server=contoso.database.windows.net;Encrypt=True";
            }
            """));
        test.FixedState.Sources.Add(("B.cs", """
            using Azure.Storage.Sas;

            class B
            {
                void Sas(BlobSasBuilder builder) => builder.Protocol = SasProtocol.Https;
            }
            """));
        test.ExpectedDiagnostics.AddRange(new[]
        {
            Http(0, "contoso.blob.core.windows.net"),
            Expected(1, "'Encrypt=False' lets the connection to Azure SQL travel unencrypted", "use Encrypt=True"),
            Expected(2, "'TrustServerCertificate=True' skips validation of the Azure SQL server certificate", "remove TrustServerCertificate"),
            Expected(3, "'SasProtocol.HttpsAndHttp' lets the SAS be used over plain HTTP", "use SasProtocol.Https"),
        });
        test.NumberOfFixAllInDocumentIterations = 2;
        test.NumberOfFixAllInProjectIterations = 1;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }
}
