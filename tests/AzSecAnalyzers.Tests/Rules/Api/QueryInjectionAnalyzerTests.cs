using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.QueryInjectionAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public partial class QueryInjectionAnalyzerTests
{
    internal const string CosmosFix = "put @name placeholders in the text and pass the values with .WithParameter(\"@name\", value)";
    internal const string CosmosIteratorFix = "pass a QueryDefinition with @name placeholders and .WithParameter(\"@name\", value)";
    internal const string SearchFix = "build the filter with SearchFilter.Create($\"…\"), which quotes and escapes each value";
    internal const string SqlCommandFix = "put @name placeholders in the text and add the values with command.Parameters.AddWithValue(\"@name\", value)";
    internal const string DapperFix = "put @name placeholders in the text and pass the values as Dapper's param object (new { name })";

    internal static string TablesFix(string client) => $"build the filter with {client}.CreateQueryFilter($\"…\"), which quotes and escapes each value";

    internal static string EfFix(string method) => $"use {method}($\"…\"), which sends each interpolated value as a parameter";

    internal static DiagnosticResult Expected(int location, string api, string how, string fix)
        => Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(location).WithArguments(api, how, fix);

    internal const string EfModel = """
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        public sealed class Order { public int Id { get; set; } public string Customer { get; set; } = ""; }

        public sealed class ShopContext : DbContext
        {
            public DbSet<Order> Orders => Set<Order>();
        }
        """;

    [Fact]
    public Task Cosmos_BuiltQueryText_Triggers() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Azure.Cosmos;

        public sealed record Order(string id, string customer);

        public sealed class OrderRepository(Container container)
        {
            public QueryDefinition ByCustomer(string customer)
                => new QueryDefinition({|#0:$"SELECT * FROM c WHERE c.customer = '{customer}'"|});

            public FeedIterator<Order> ById(string id)
                => container.GetItemQueryIterator<Order>({|#1:"SELECT * FROM c WHERE c.id = '" + id + "'"|});

            public FeedIterator Stream(string status)
                => container.GetItemQueryStreamIterator(queryText: {|#2:string.Format("SELECT * FROM c WHERE c.status = '{0}'", status)|});
        }
        """,
        Expected(0, "QueryDefinition(string)", "by interpolation", CosmosFix),
        Expected(1, "Container.GetItemQueryIterator(string)", "by concatenation", CosmosIteratorFix),
        Expected(2, "Container.GetItemQueryStreamIterator(string)", "by string.Format", CosmosIteratorFix));

    [Fact]
    public Task Tables_BuiltFilter_Triggers() => Verify.VerifyAnalyzerAsync("""
        using Azure;
        using Azure.Data.Tables;
        using Azure.Data.Tables.Models;

        public sealed class Store(TableClient table, TableServiceClient service)
        {
            public AsyncPageable<TableEntity> Partition(string partition)
                => table.QueryAsync<TableEntity>({|#0:$"PartitionKey eq '{partition}'"|});

            public Pageable<TableEntity> Rows(string partition, int max)
                => table.Query<TableEntity>(filter: {|#1:"PartitionKey eq '" + partition + "'"|}, maxPerPage: max);

            public Pageable<TableItem> Tables(string prefix)
                => service.Query({|#2:$"TableName ge '{prefix}'"|});
        }
        """,
        Expected(0, "TableClient.QueryAsync(string filter)", "by interpolation", TablesFix("TableClient")),
        Expected(1, "TableClient.Query(string filter)", "by concatenation", TablesFix("TableClient")),
        Expected(2, "TableServiceClient.Query(string filter)", "by interpolation", TablesFix("TableServiceClient")));

    [Fact]
    public Task Search_BuiltFilter_Triggers() => Verify.VerifyAnalyzerAsync("""
        using Azure.Search.Documents;

        public static class Searches
        {
            public static SearchOptions ByCategory(string category) => new SearchOptions { Filter = {|#0:$"category eq '{category}'"|} };

            public static SearchOptions ByBrand(string brand)
            {
                var options = new SearchOptions();
                options.Filter = {|#1:"brand eq '" + brand + "'"|};
                return options;
            }
        }
        """,
        Expected(0, "SearchOptions.Filter", "by interpolation", SearchFix),
        Expected(1, "SearchOptions.Filter", "by concatenation", SearchFix));

    [Fact]
    public Task SqlCommand_BuiltText_Triggers() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Data.SqlClient;

        public static class Orders
        {
            public static SqlCommand ByCustomer(SqlConnection connection, string customer)
                => new SqlCommand({|#0:$"SELECT * FROM Orders WHERE Customer = '{customer}'"|}, connection);

            public static void Delete(SqlCommand command, string id)
            {
                command.CommandText = {|#1:"DELETE FROM Orders WHERE Id = '" + id + "'"|};
                var other = new SqlCommand { CommandText = {|#2:string.Format("SELECT * FROM {0}", id)|} };
            }
        }
        """,
        Expected(0, "SqlCommand(string)", "by interpolation", SqlCommandFix),
        Expected(1, "SqlCommand.CommandText", "by concatenation", SqlCommandFix),
        Expected(2, "SqlCommand.CommandText", "by string.Format", SqlCommandFix));

    [Fact]
    public Task EntityFramework_RawSqlBuilt_Triggers() => Verify.VerifyAnalyzerAsync(EfModel + """

        public static class Queries
        {
            public static IQueryable<Order> ByCustomer(ShopContext db, string customer)
                => db.Orders.FromSqlRaw({|#0:$"SELECT * FROM Orders WHERE Customer = '{customer}'"|});

            public static int Delete(ShopContext db, string customer)
                => db.Database.ExecuteSqlRaw({|#1:"DELETE FROM Orders WHERE Customer = '" + customer + "'"|});

            public static Task<int> DeleteAsync(ShopContext db, string customer)
                => db.Database.ExecuteSqlRawAsync({|#2:$"DELETE FROM Orders WHERE Customer = '{customer}'"|});

            public static IQueryable<int> Ids(ShopContext db, string customer)
                => db.Database.SqlQueryRaw<int>({|#3:$"SELECT Id FROM Orders WHERE Customer = '{customer}'"|});
        }
        """,
        Expected(0, "FromSqlRaw", "by interpolation", EfFix("FromSql")),
        Expected(1, "ExecuteSqlRaw", "by concatenation", EfFix("ExecuteSql")),
        Expected(2, "ExecuteSqlRawAsync", "by interpolation", EfFix("ExecuteSqlAsync")),
        Expected(3, "SqlQueryRaw", "by interpolation", EfFix("SqlQuery")));

    [Fact]
    public Task Dapper_BuiltSql_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Data;
        using System.Threading.Tasks;
        using Dapper;

        public sealed record Order(int Id, string Customer);

        public static class Queries
        {
            public static IEnumerable<Order> ByCustomer(IDbConnection connection, string customer)
                => connection.Query<Order>({|#0:$"SELECT * FROM Orders WHERE Customer = '{customer}'"|});

            public static Task<int> Delete(IDbConnection connection, string customer)
                => connection.ExecuteAsync({|#1:"DELETE FROM Orders WHERE Customer = '" + customer + "'"|});

            public static Order? First(IDbConnection connection, string customer)
                => connection.QueryFirstOrDefault<Order>(new CommandDefinition({|#2:$"SELECT * FROM Orders WHERE Customer = '{customer}'"|}));
        }
        """,
        Expected(0, "Dapper Query", "by interpolation", DapperFix),
        Expected(1, "Dapper ExecuteAsync", "by concatenation", DapperFix),
        Expected(2, "CommandDefinition(string)", "by interpolation", DapperFix));

    [Fact]
    public Task SafeParts_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Azure.Data.Tables;
        using Azure.Search.Documents;
        using Microsoft.Azure.Cosmos;
        using Microsoft.Data.SqlClient;

        public enum Status { Open, Closed }

        public sealed class Repository(Container container, TableClient table)
        {
            private const string Collection = "c";

            public void Run(int age, Guid id, DateTime since, DateTimeOffset until, bool active, Status status, long? maybe, decimal price, string partition, string category)
            {
                _ = new QueryDefinition($"SELECT * FROM {Collection} WHERE {Collection}.age > {age} AND c.id = '{id}' AND c.ts > '{since:o}'");
                _ = new QueryDefinition("SELECT * FROM c WHERE c.status = " + (int)status + " AND c.active = " + active + " AND c.n = " + maybe);
                _ = new QueryDefinition($"SELECT c.{nameof(Repository)} FROM c WHERE c.price < {price.ToString(System.Globalization.CultureInfo.InvariantCulture)} AND c.until < '{until}' AND c.s = '{status}'");
                _ = new QueryDefinition("SELECT * FROM c WHERE c.id = @id").WithParameter("@id", partition);
                _ = container.GetItemQueryIterator<object>(new QueryDefinition("SELECT * FROM c WHERE c.customer = @customer").WithParameter("@customer", partition));
                _ = table.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"));
                _ = table.Query<TableEntity>($"{TableClient.CreateQueryFilter($"PartitionKey eq {partition}")} and RowKey gt '0'");
                _ = new SearchOptions { Filter = SearchFilter.Create($"category eq {category}") };
                _ = new SearchOptions { Filter = $"{SearchFilter.Create($"category eq {category}")} and rating gt {age}" };
                _ = new SqlCommand(string.Format("SELECT TOP {0} * FROM Orders", age));
                _ = new SqlCommand($"SELECT * FROM Orders WHERE Id = {id}" + $" AND Created > '{since}'");
            }
        }
        """);

    [Fact]
    public Task ParameterizedAndInterpolatedSafeApis_DoNotTrigger() => Verify.VerifyAnalyzerAsync(EfModel + """

        public static class Queries
        {
            public static IQueryable<Order> ByCustomer(ShopContext db, string customer)
                => db.Orders.FromSql($"SELECT * FROM Orders WHERE Customer = {customer}");

            public static int Delete(ShopContext db, string customer)
                => db.Database.ExecuteSql($"DELETE FROM Orders WHERE Customer = {customer}");

            public static IQueryable<Order> Raw(ShopContext db, string customer)
                => db.Orders.FromSqlRaw("SELECT * FROM Orders WHERE Customer = {0}", customer);

            public static IQueryable<Order> Interpolated(ShopContext db, string customer)
                => db.Orders.FromSqlInterpolated($"SELECT * FROM Orders WHERE Customer = {customer}");
        }
        """);

    [Fact]
    public Task QueryTextPassedThrough_DoesNotTrigger_WithoutFlowAnalysis() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Azure.Cosmos;

        public static class Queries
        {
            public static QueryDefinition Passed(string query) => new QueryDefinition(query);
        }
        """);

    [Fact]
    public Task Cosmos_TextBuiltBeforeTheCall_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Text;
        using Microsoft.Azure.Cosmos;

        public sealed record Order(string id);

        public sealed class OrderRepository(Container container)
        {
            private string _lastQuery = "";

            public QueryDefinition ThroughLocal(string customer)
            {
                var query = $"SELECT * FROM c WHERE c.customer = '{customer}'";
                return new QueryDefinition({|#0:query|});
            }

            public FeedIterator<Order> ThroughField(string id)
            {
                _lastQuery = "SELECT * FROM c WHERE c.id = '" + id + "'";
                return container.GetItemQueryIterator<Order>({|#1:_lastQuery|});
            }

            public QueryDefinition ThroughHelper(string status) => new QueryDefinition({|#2:BuildQuery(status)|});

            public QueryDefinition ThroughBuilder(string[] ids)
            {
                var builder = new StringBuilder();
                builder.Append("SELECT * FROM c WHERE c.id IN (");
                foreach (var id in ids)
                {
                    builder.Append('\'').Append(id).Append("',");
                }

                return new QueryDefinition({|#3:builder.ToString()|});
            }

            public QueryDefinition Conditional(string? region)
            {
                var query = "SELECT * FROM c";
                if (region is not null)
                {
                    query += $" WHERE c.region = '{region}'";
                }

                return new QueryDefinition({|#4:query|});
            }

            private static string BuildQuery(string status) => string.Format("SELECT * FROM c WHERE c.status = '{0}'", status);
        }
        """,
        Expected(0, "QueryDefinition(string)", "in 'query'", CosmosFix),
        Expected(1, "Container.GetItemQueryIterator(string)", "in '_lastQuery'", CosmosIteratorFix),
        Expected(2, "QueryDefinition(string)", "by 'BuildQuery'", CosmosFix),
        Expected(3, "QueryDefinition(string)", "with a StringBuilder", CosmosFix),
        Expected(4, "QueryDefinition(string)", "in 'query'", CosmosFix));

    [Fact]
    public Task OtherSinks_TextBuiltBeforeTheCall_Trigger() => Verify.VerifyAnalyzerAsync(EfModel + """

        public static class Queries
        {
            public static IQueryable<Order> Ef(ShopContext db, string customer)
            {
                var sql = "SELECT * FROM Orders WHERE Customer = '" + customer + "'";
                return db.Orders.FromSqlRaw({|#0:sql|});
            }

            public static Azure.Pageable<Azure.Data.Tables.TableEntity> Tables(Azure.Data.Tables.TableClient table, string partition)
            {
                var filter = $"PartitionKey eq '{partition}'";
                return table.Query<Azure.Data.Tables.TableEntity>({|#1:filter|});
            }

            public static Azure.Search.Documents.SearchOptions Search(string category)
            {
                var filter = $"category eq '{category}'";
                return new Azure.Search.Documents.SearchOptions { Filter = {|#2:filter|} };
            }

            public static void Sql(Microsoft.Data.SqlClient.SqlCommand command, string id)
            {
                var text = $"DELETE FROM Orders WHERE Id = '{id}'";
                command.CommandText = {|#3:text|};
            }

            public static System.Collections.Generic.IEnumerable<int> Dapper(System.Data.IDbConnection connection, string customer)
            {
                var sql = $"SELECT Id FROM Orders WHERE Customer = '{customer}'";
                return global::Dapper.SqlMapper.Query<int>(connection, {|#4:sql|});
            }
        }
        """,
        Expected(0, "FromSqlRaw", "in 'sql'", EfFix("FromSql")),
        Expected(1, "TableClient.Query(string filter)", "in 'filter'", TablesFix("TableClient")),
        Expected(2, "SearchOptions.Filter", "in 'filter'", SearchFix),
        Expected(3, "SqlCommand.CommandText", "in 'text'", SqlCommandFix),
        Expected(4, "Dapper Query", "in 'sql'", DapperFix));

    [Fact]
    public Task Lambda_TextBuiltInside_Triggers() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Azure.Cosmos;

        public sealed record Order(string id);

        public static class Endpoints
        {
            public static void Map(WebApplication app, Container container)
            {
                app.MapGet("/orders/{customer}", (string customer) =>
                {
                    var query = "SELECT * FROM c WHERE c.customer = '" + customer + "'";
                    return container.GetItemQueryIterator<Order>({|#0:query|});
                });
            }
        }
        """,
        Expected(0, "Container.GetItemQueryIterator(string)", "in 'query'", CosmosIteratorFix));

    [Fact]
    public Task InPlaceText_WithLocals_JudgedByWhatTheLocalsHold() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Text;
        using Microsoft.Azure.Cosmos;

        public sealed record Request(string Customer, string? Search);

        public sealed class Repository
        {
            public QueryDefinition FromParameter(Request request)
            {
                var customer = request.Customer;
                return new QueryDefinition({|#0:$"SELECT * FROM c WHERE c.customer = '{customer}'"|});
            }

            public QueryDefinition ClauseOfPlaceholders(Request request)
            {
                var builder = new StringBuilder();
                var parameters = new List<(string Name, object Value)>();
                if (request.Search is not null)
                {
                    builder.Append(" WHERE CONTAINS(c.name, @search)");
                    parameters.Add(("@search", request.Search));
                }

                var filterClause = builder.ToString();
                var query = new QueryDefinition($"SELECT VALUE COUNT(1) FROM c {filterClause}");
                foreach (var p in parameters)
                {
                    query.WithParameter(p.Name, p.Value);
                }

                return query;
            }

            public QueryDefinition TypedLocal(string text)
            {
                var count = int.Parse(text);
                var limit = count.ToString();
                return new QueryDefinition($"SELECT TOP {limit} * FROM c");
            }
        }
        """,
        Expected(0, "QueryDefinition(string)", "by interpolation", CosmosFix));

    [Fact]
    public Task SafeFlows_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Text;
        using Azure;
        using Azure.Data.Tables;
        using Microsoft.Azure.Cosmos;

        public sealed class Repository(Container container, TableClient table)
        {
            private static readonly string Collection = "c";

            public QueryDefinition PassedThrough(string query) => new QueryDefinition(query);

            public QueryDefinition Typed(int minAge, Guid id)
            {
                var query = "SELECT * FROM c WHERE c.age > " + minAge + " AND c.id = '" + id + "'";
                return new QueryDefinition(query);
            }

            public QueryDefinition ConstantLocal(string id)
            {
                var alias = "c";
                var query = $"SELECT * FROM {alias} WHERE {alias}.id = @id";
                return new QueryDefinition($"SELECT * FROM {alias} WHERE {Collection}.x = 1").WithParameter("@id", id) ?? new QueryDefinition(query).WithParameter("@id", id);
            }

            public Pageable<TableEntity> Sanitized(string partition)
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
                return table.Query<TableEntity>(filter);
            }

            public QueryDefinition BuilderOfConstants(bool active)
            {
                var builder = new StringBuilder("SELECT * FROM c");
                if (active)
                {
                    builder.Append(" WHERE c.active = true");
                }

                return new QueryDefinition(builder.ToString());
            }
        }
        """);

    [Fact]
    public Task LookAlikeUserTypes_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        namespace MyApp
        {
            public sealed class QueryDefinition { public QueryDefinition(string query) { } }

            public sealed class Container { public object GetItemQueryIterator<T>(string queryText) => new(); }

            public sealed class TableClient { public object Query<T>(string filter) => new(); }

            public sealed class SearchOptions { public string? Filter { get; set; } }

            public sealed class SqlCommand { public string CommandText { get; set; } = ""; }

            public static class Use
            {
                public static void Run(Container container, TableClient table, string id)
                {
                    _ = new QueryDefinition($"SELECT * FROM c WHERE c.id = '{id}'");
                    _ = container.GetItemQueryIterator<object>("SELECT * FROM c WHERE c.id = '" + id + "'");
                    _ = table.Query<object>($"PartitionKey eq '{id}'");
                    _ = new SearchOptions { Filter = $"id eq '{id}'" };
                    _ = new SqlCommand { CommandText = $"SELECT * FROM T WHERE Id = '{id}'" };
                }
            }
        }
        """);

    [Fact]
    public Task GeneratedCode_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using Microsoft.Azure.Cosmos;

        public static class Queries
        {
            public static QueryDefinition ById(string id) => new QueryDefinition($"SELECT * FROM c WHERE c.id = '{id}'");
        }
        """);

    [Fact]
    public Task PartialCode_DoesNotCrash() => new Verify.Test
    {
        TestCode = """
            using Microsoft.Azure.Cosmos;
            using Microsoft.Data.SqlClient;

            public static class Queries
            {
                public static void Run(Container container, string id)
                {
                    _ = new QueryDefinition({|#0:$"SELECT * FROM c WHERE c.id = '{id}'"|});
                    _ = new QueryDefinition($"SELECT * FROM c WHERE c.id = '{id}'"
                    _ = container.GetItemQueryIterator<object>("SELECT * FROM c WHERE c.id = '" + );
                    var command = new SqlCommand { CommandText = $"SELECT {" };
                    _ = new QueryDefinition($"{id.}");
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
        ExpectedDiagnostics = { Expected(0, "QueryDefinition(string)", "by interpolation", CosmosFix) },
    }.RunAsync(CancellationToken.None);

    [Fact]
    public Task HugeConcatenation_DoesNotCrash() => Verify.VerifyAnalyzerAsync($$"""
        using Microsoft.Azure.Cosmos;

        public static class Queries
        {
            public static QueryDefinition Big(string id) => new QueryDefinition({|#0:"SELECT * FROM c WHERE " + {{string.Join(" + ", Enumerable.Repeat("\"c.a = 1 OR \"", 400))}} + "c.id = '" + id + "'"|});
        }
        """,
        Expected(0, "QueryDefinition(string)", "by concatenation", CosmosFix));

    [Fact]
    public Task NoDataPackages_NothingRegistered() => new Verify.Test
    {
        TestCode = """
            public static class Queries
            {
                public static string Build(string id) => $"SELECT * FROM c WHERE c.id = '{id}'";
            }
            """,
        NetCoreOnly = true,
    }.RunAsync(CancellationToken.None);
}
