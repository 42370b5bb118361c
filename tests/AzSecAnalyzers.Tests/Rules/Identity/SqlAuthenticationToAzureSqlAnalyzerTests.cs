using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Identity.SqlAuthenticationToAzureSqlAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Identity;

public class SqlAuthenticationToAzureSqlAnalyzerTests
{
    private const string Azure = "Server=tcp:contoso.database.windows.net,1433;Initial Catalog=orders;User ID=app;Password=Invented-Pa55word;Encrypt=True";

    private static DiagnosticResult Expected(int location, string api)
        => Verify.Diagnostic(Descriptors.AZSEC202_SqlAuthenticationToAzureSql).WithLocation(location).WithArguments($"'{api}'");

    [Fact]
    public Task SqlConnection_LiteralAndConst_Trigger() => Verify.VerifyAnalyzerAsync($$"""
        using Microsoft.Data.SqlClient;

        class C
        {
            const string Orders = "Data Source=contoso.database.usgovcloudapi.net;UID=app;PWD=Invented-Pa55word";

            void Open()
            {
                _ = new SqlConnection({|#0:"{{Azure}}"|});
                _ = new SqlConnection({|#1:Orders|});
                _ = new SqlConnectionStringBuilder({|#2:"{{Azure}}"|});
                var connection = new SqlConnection();
                connection.ConnectionString = {|#3:"{{Azure}}"|};
            }
        }
        """, Expected(0, "SqlConnection"), Expected(1, "SqlConnection"), Expected(2, "SqlConnectionStringBuilder"), Expected(3, "SqlConnection.ConnectionString"));

    [Fact]
    public Task EfCoreUseSqlServer_Triggers() => Verify.VerifyAnalyzerAsync($$"""
        using Microsoft.EntityFrameworkCore;

        class OrdersContext : DbContext
        {
            protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlServer({|#0:"{{Azure}}"|});
        }
        """, Expected(0, "UseSqlServer"));

    [Fact]
    public Task BuilderProperties_InitializerAndStatements_Trigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Data.SqlClient;

        class C
        {
            void Build(string password)
            {
                _ = new SqlConnectionStringBuilder
                {
                    DataSource = "contoso.database.windows.net",
                    UserID = "app",
                    {|#0:Password|} = password,
                };

                var builder = new SqlConnectionStringBuilder();
                builder.DataSource = "tcp:contoso.database.windows.net,1433";
                builder.UserID = "app";
                builder.{|#1:Password|} = password;
            }
        }
        """, Expected(0, "SqlConnectionStringBuilder.Password"), Expected(1, "SqlConnectionStringBuilder.Password"));

    [Fact]
    public Task EntraAuthenticationLocalServersAndPlaceholders_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Data.SqlClient;

        class C
        {
            void Open(string fromConfig)
            {
                _ = new SqlConnection("Server=tcp:contoso.database.windows.net;Database=orders;Authentication=Active Directory Default");
                _ = new SqlConnection("Server=tcp:contoso.database.windows.net;Database=orders;User ID=3f1c0e4e-client-id;Authentication=Active Directory Managed Identity");
                _ = new SqlConnection("Server=(localdb)\\MSSQLLocalDB;User ID=sa;Password=Invented-Pa55word");
                _ = new SqlConnection("Server=sql.contoso.internal;User ID=sa;Password=Invented-Pa55word");
                _ = new SqlConnection("Server=tcp:contoso.database.windows.net;User ID=app");
                _ = new SqlConnection(fromConfig);
                _ = new SqlConnectionStringBuilder
                {
                    DataSource = "contoso.database.windows.net",
                    UserID = "app",
                    Password = "Invented-Pa55word",
                    Authentication = SqlAuthenticationMethod.ActiveDirectoryPassword,
                };
            }
        }
        """);

    [Fact]
    public Task InterpolatedAndConcatenated_ConstantPartsCarryUserAndPassword_Trigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Data.SqlClient;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.Configuration;

        class OrdersContext : DbContext
        {
            private readonly IConfiguration _configuration;

            public OrdersContext(IConfiguration configuration) => _configuration = configuration;

            protected override void OnConfiguring(DbContextOptionsBuilder options)
                => options.UseSqlServer({|#0:$"Server=tcp:{_configuration["Sql:Server"]}.database.windows.net,1433;Initial Catalog={_configuration["Sql:Database"]};User ID={_configuration["Sql:User"]};Password={_configuration["Sql:Password"]};Encrypt=True"|});
        }

        class C
        {
            const string Server = "contoso.database.windows.net";

            void Open(string database, string user, string password)
            {
                _ = new SqlConnection({|#1:"Server=tcp:contoso.database.windows.net;Database=" + database + ";User ID=" + user + ";Password=" + password|});
                var connectionString = $"Data Source={Server};Initial Catalog={database};UID={user};PWD={password}";
                _ = new SqlConnection({|#2:connectionString|});
                var connection = new SqlConnection();
                connection.ConnectionString = {|#3:$"Server=contoso-{database}.database.windows.net;User Id={user};Password={password};Authentication=SqlPassword"|};
            }
        }
        """, Expected(0, "UseSqlServer"), Expected(1, "SqlConnection"), Expected(2, "SqlConnection"), Expected(3, "SqlConnection.ConnectionString"));

    [Fact]
    public Task InterpolatedAndConcatenated_EntraLocalOrUnknownServer_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Data.SqlClient;

        class C
        {
            void Open(string server, string database, string user, string password, string method, string credentials, bool ok)
            {
                _ = new SqlConnection($"Server=tcp:contoso.database.windows.net;Database={database};Authentication=Active Directory Default");
                _ = new SqlConnection($"Server=tcp:contoso.database.windows.net;Database={database};User ID={user};Authentication=Active Directory Managed Identity");
                _ = new SqlConnection($"Server=tcp:contoso.database.windows.net;User ID={user};Password={password};Authentication=Active Directory Password");
                _ = new SqlConnection($"Server=tcp:contoso.database.windows.net;User ID={user};Password={password};Authentication={method}");
                // The server is not known to be Azure SQL from the constant parts.
                _ = new SqlConnection($"Server={server};Database={database};User ID={user};Password={password}");
                _ = new SqlConnection("Server=" + server + ",1433;User ID=" + user + ";Password=" + password);
                _ = new SqlConnection($"Server=localhost,1433;Database={database};User ID=sa;Password={password};TrustServerCertificate=True");
                _ = new SqlConnection($"Server=(localdb)\\MSSQLLocalDB;Database={database};User ID=sa;Password={password}");
                // The credentials are not in the constant parts.
                _ = new SqlConnection($"Server=tcp:contoso.database.windows.net;Database={database};{credentials}");
                _ = new SqlConnection($"Server=tcp:contoso.database.windows.net;User ID={user}");
                var connectionString = $"Server=tcp:contoso.database.windows.net;User ID={user};Password={password}";
                if (ok)
                {
                    connectionString = $"Server=tcp:contoso.database.windows.net;Authentication=Active Directory Default";
                }

                _ = new SqlConnection(connectionString);
            }
        }
        """);

    [Theory]
    [InlineData("Server=;User ID=;Password=")]
    [InlineData("Server=\\\"contoso.database.windows.net;User ID=a;Password=\\\"b")]
    [InlineData(";;==;;")]
    public Task MalformedConnectionString_DoesNotCrash(string value) => Verify.VerifyAnalyzerAsync($$"""
        using Microsoft.Data.SqlClient;

        class C
        {
            object Open() => new SqlConnection("{{value}}");
        }
        """);

    [Fact]
    public Task PartialCode_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Microsoft.Data.SqlClient;

                class C
                {
                    object Open() => new SqlConnectionStringBuilder { DataSource = "contoso.database.windows.net", UserID = "app", Password =
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync(CancellationToken.None);
    }
}
