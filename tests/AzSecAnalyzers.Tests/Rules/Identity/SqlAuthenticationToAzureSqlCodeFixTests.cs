using AzSecAnalyzers.CodeFixes;
using AzSecAnalyzers.CodeFixes.Rules.Identity;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Identity.SqlAuthenticationToAzureSqlAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Identity.SqlAuthenticationToAzureSqlCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Identity;

public class SqlAuthenticationToAzureSqlCodeFixTests
{
    private static DiagnosticResult Expected(int location, string api)
        => Verify.Diagnostic(Descriptors.AZSEC202_SqlAuthenticationToAzureSql).WithLocation(location).WithArguments($"'{api}'");

    [Fact]
    public Task Literal_UserAndPasswordRemoved_ActiveDirectoryDefaultAdded() => Verify.VerifyCodeFixAsync("""
        using Microsoft.Data.SqlClient;

        class C
        {
            object Open() => new SqlConnection({|#0:"Server=tcp:contoso.database.windows.net,1433;Initial Catalog=orders;User ID=app;Password=Invented-Pa55word;Encrypt=True;"|});
        }
        """, Expected(0, "SqlConnection"), """
        using Microsoft.Data.SqlClient;

        class C
        {
            object Open() => new SqlConnection("Server=tcp:contoso.database.windows.net,1433;Initial Catalog=orders;Encrypt=True;Authentication=Active Directory Default");
        }
        """, EquivalenceKeys.UseActiveDirectoryDefaultAuthentication);

    [Fact]
    public Task EfCoreLiteral_SqlPasswordAuthenticationReplaced() => Verify.VerifyCodeFixAsync("""
        using Microsoft.EntityFrameworkCore;

        class OrdersContext : DbContext
        {
            protected override void OnConfiguring(DbContextOptionsBuilder options)
                => options.UseSqlServer({|#0:"Authentication=SqlPassword;Server=contoso.database.windows.net;UID=app;PWD='In;vented'"|});
        }
        """, Expected(0, "UseSqlServer"), """
        using Microsoft.EntityFrameworkCore;

        class OrdersContext : DbContext
        {
            protected override void OnConfiguring(DbContextOptionsBuilder options)
                => options.UseSqlServer("Server=contoso.database.windows.net;Authentication=Active Directory Default");
        }
        """, EquivalenceKeys.UseActiveDirectoryDefaultAuthentication);

    [Fact]
    public Task BuilderInitializer_PasswordBecomesAuthentication() => Verify.VerifyCodeFixAsync("""
        using Microsoft.Data.SqlClient;

        class C
        {
            object Build(string password) => new SqlConnectionStringBuilder
            {
                DataSource = "contoso.database.windows.net",
                InitialCatalog = "orders",
                UserID = "app",
                {|#0:Password|} = password,
            };
        }
        """, Expected(0, "SqlConnectionStringBuilder.Password"), """
        using Microsoft.Data.SqlClient;

        class C
        {
            object Build(string password) => new SqlConnectionStringBuilder
            {
                DataSource = "contoso.database.windows.net",
                InitialCatalog = "orders",
                Authentication = SqlAuthenticationMethod.ActiveDirectoryDefault,
            };
        }
        """, EquivalenceKeys.UseActiveDirectoryDefaultAuthentication);

    [Fact]
    public Task ConstStatementsOrInterpolated_NoActionOffered()
    {
        var source = """
            using Microsoft.Data.SqlClient;

            class C
            {
                const string Orders = "Server=contoso.database.windows.net;User ID=app;Password=Invented-Pa55word";

                void Open(string password)
                {
                    _ = new SqlConnection({|#0:Orders|});
                    _ = new SqlConnection({|#2:$"Server=contoso.database.windows.net;User ID=app;Password={password}"|});
                    var builder = new SqlConnectionStringBuilder();
                    builder.DataSource = "contoso.database.windows.net";
                    builder.UserID = "app";
                    builder.{|#1:Password|} = password;
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, new[] { Expected(0, "SqlConnection"), Expected(1, "SqlConnectionStringBuilder.Password"), Expected(2, "SqlConnection") }, source);
    }

    [Theory]
    [InlineData("Server=a.database.windows.net;User ID=u;Password=p", "Server=a.database.windows.net;Authentication=Active Directory Default")]
    [InlineData("User ID=u;Password=p;Server=a.database.windows.net", "Server=a.database.windows.net;Authentication=Active Directory Default")]
    [InlineData("Server=a.database.windows.net; User Id = u ; Password = \"p;q\" ; Database=d", "Server=a.database.windows.net; Database=d;Authentication=Active Directory Default")]
    public void Rewrite_RemovesCredentials(string input, string expected)
        => Assert.Equal(expected, SqlAuthenticationToAzureSqlCodeFix.Rewrite(input));
}
