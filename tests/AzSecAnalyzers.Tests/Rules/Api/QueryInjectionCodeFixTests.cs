using AzSecAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using static AzSecAnalyzers.Tests.Rules.Api.QueryInjectionAnalyzerTests;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Api.QueryInjectionAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Api.QueryInjectionCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class QueryInjectionCodeFixTests
{
    private static DiagnosticResult Cosmos(int location, string how = "by interpolation")
        => Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(location).WithArguments("QueryDefinition(string)", how, CosmosFix);

    private static DiagnosticResult Sql(int location, string api, string how)
        => Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(location).WithArguments(api, how, SqlCommandFix);

    private static Task VerifyNoActionAsync(string source, params DiagnosticResult[] expected)
        => Verify.VerifyCodeFixAsync(source, expected, source);

    [Fact]
    public Task Cosmos_QueryDefinition_BecomesParameterized_FixAll() => Verify.VerifyCodeFixAsync("""
        using Microsoft.Azure.Cosmos;

        public sealed record Customer(string id, string Name);

        public static class Queries
        {
            private const string Alias = "c";

            public static QueryDefinition ByCustomer(string customer, int minTotal)
                => new QueryDefinition({|#0:$"SELECT * FROM c WHERE c.customer = '{customer}' AND c.total > {minTotal}"|});

            public static QueryDefinition Twice(string id, Customer other)
            {
                // same value twice, and a second value named id
                QueryDefinition query = new({|#1:$"SELECT * FROM {Alias} WHERE {Alias}.a = '{id}' OR {Alias}.b = '{id}' OR {Alias}.c = '{other.id}'"|});
                return query;
            }

            public static QueryDefinition Concatenated(Customer customer)
                => new QueryDefinition({|#2:"SELECT * FROM c WHERE c.name = '" + customer.Name + "' AND c.n > " + customer.Name.Length|}); // by name
        }
        """, new[] { Cosmos(0), Cosmos(1), Cosmos(2, "by concatenation") }, """
        using Microsoft.Azure.Cosmos;

        public sealed record Customer(string id, string Name);

        public static class Queries
        {
            private const string Alias = "c";

            public static QueryDefinition ByCustomer(string customer, int minTotal)
                => new QueryDefinition("SELECT * FROM c WHERE c.customer = @customer AND c.total > @minTotal").WithParameter("@customer", customer).WithParameter("@minTotal", minTotal);

            public static QueryDefinition Twice(string id, Customer other)
            {
                // same value twice, and a second value named id
                QueryDefinition query = new QueryDefinition($"SELECT * FROM {Alias} WHERE {Alias}.a = @id OR {Alias}.b = @id OR {Alias}.c = @id2").WithParameter("@id", id).WithParameter("@id2", other.id);
                return query;
            }

            public static QueryDefinition Concatenated(Customer customer)
                => new QueryDefinition("SELECT * FROM c WHERE c.name = @name AND c.n > @length").WithParameter("@name", customer.Name).WithParameter("@length", customer.Name.Length); // by name
        }
        """, EquivalenceKeys.ParameterizeQuery);

    [Fact]
    public Task Cosmos_GetItemQueryIterator_UsesQueryDefinitionOverload() => Verify.VerifyCodeFixAsync("""
        using Microsoft.Azure.Cosmos;

        public sealed record Order(string id);

        public sealed class Repository(Container container)
        {
            public FeedIterator<Order> ById(string id, string token)
                => container.GetItemQueryIterator<Order>({|#0:$"SELECT * FROM c WHERE c.id = '{id}'"|}, token);

            public FeedIterator Stream(Order order)
                => container.GetItemQueryStreamIterator(queryText: {|#1:"SELECT * FROM c WHERE c.id = '" + order.id + "'"|});
        }
        """, new[]
        {
            Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(0).WithArguments("Container.GetItemQueryIterator(string)", "by interpolation", CosmosIteratorFix),
            Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(1).WithArguments("Container.GetItemQueryStreamIterator(string)", "by concatenation", CosmosIteratorFix),
        }, """
        using Microsoft.Azure.Cosmos;

        public sealed record Order(string id);

        public sealed class Repository(Container container)
        {
            public FeedIterator<Order> ById(string id, string token)
                => container.GetItemQueryIterator<Order>(new QueryDefinition("SELECT * FROM c WHERE c.id = @id").WithParameter("@id", id), token);

            public FeedIterator Stream(Order order)
                => container.GetItemQueryStreamIterator(queryDefinition: new QueryDefinition("SELECT * FROM c WHERE c.id = @id").WithParameter("@id", order.id));
        }
        """, EquivalenceKeys.ParameterizeQuery);

    [Fact]
    public Task Tables_BecomeCreateQueryFilter_FixAll() => Verify.VerifyCodeFixAsync("""
        using System;
        using Azure;
        using Azure.Data.Tables;
        using Azure.Data.Tables.Models;

        public sealed class Store(TableClient table, TableServiceClient service)
        {
            public AsyncPageable<TableEntity> Rows(string partition, Guid id, long version, DateTimeOffset since)
                => table.QueryAsync<TableEntity>({|#0:$"{nameof(TableEntity.PartitionKey)} eq '{partition}' and Id eq guid'{id}' and Version gt {version} and Timestamp ge datetime'{since}'"|});

            public Pageable<TableEntity> Partition(string partition)
                => table.Query<TableEntity>(filter: {|#1:"PartitionKey eq '" + partition + "'"|});

            public Pageable<TableItem> Tables(string name)
                => service.Query({|#2:$"TableName eq '{name}'"|});
        }
        """, new[]
        {
            Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(0).WithArguments("TableClient.QueryAsync(string filter)", "by interpolation", TablesFix("TableClient")),
            Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(1).WithArguments("TableClient.Query(string filter)", "by concatenation", TablesFix("TableClient")),
            Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(2).WithArguments("TableServiceClient.Query(string filter)", "by interpolation", TablesFix("TableServiceClient")),
        }, """
        using System;
        using Azure;
        using Azure.Data.Tables;
        using Azure.Data.Tables.Models;

        public sealed class Store(TableClient table, TableServiceClient service)
        {
            public AsyncPageable<TableEntity> Rows(string partition, Guid id, long version, DateTimeOffset since)
                => table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Id eq {id} and Version gt {version} and Timestamp ge {since}"));

            public Pageable<TableEntity> Partition(string partition)
                => table.Query<TableEntity>(filter: TableClient.CreateQueryFilter($"PartitionKey eq {partition}"));

            public Pageable<TableItem> Tables(string name)
                => service.Query(TableServiceClient.CreateQueryFilter($"TableName eq {name}"));
        }
        """, EquivalenceKeys.ParameterizeQuery);

    [Fact]
    public Task Search_BecomesSearchFilterCreate_AddsUsing() => Verify.VerifyCodeFixAsync("""
        public static class Searches
        {
            public static Azure.Search.Documents.SearchOptions ByCategory(string category, int rating)
                => new Azure.Search.Documents.SearchOptions { Filter = {|#0:$"category eq '{category}' and rating ge {rating}"|} };

            public static void ByBrand(Azure.Search.Documents.SearchOptions options, string brand)
            {
                options.Filter = {|#1:"brand eq '" + brand + "'"|};
            }
        }
        """, new[]
        {
            Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(0).WithArguments("SearchOptions.Filter", "by interpolation", SearchFix),
            Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(1).WithArguments("SearchOptions.Filter", "by concatenation", SearchFix),
        }, """
        using Azure.Search.Documents;

        public static class Searches
        {
            public static Azure.Search.Documents.SearchOptions ByCategory(string category, int rating)
                => new Azure.Search.Documents.SearchOptions { Filter = SearchFilter.Create($"category eq {category} and rating ge {rating}") };

            public static void ByBrand(Azure.Search.Documents.SearchOptions options, string brand)
            {
                options.Filter = SearchFilter.Create($"brand eq {brand}");
            }
        }
        """, EquivalenceKeys.ParameterizeQuery);

    [Fact]
    public Task EntityFramework_RawBecomesInterpolatedApi_FixAll() => Verify.VerifyCodeFixAsync(EfModel + """

        public static class Queries
        {
            private const string Table = "Orders";

            public static IQueryable<Order> ByCustomer(ShopContext db, string customer, int minId)
                => db.Orders.FromSqlRaw({|#0:$"SELECT * FROM {Table} WHERE Customer = '{customer}' AND Id > {minId}"|});

            public static Task<int> DeleteAsync(ShopContext db, string customer, System.Threading.CancellationToken cancellationToken)
                => db.Database.ExecuteSqlRawAsync({|#1:"DELETE FROM Orders WHERE Customer = '" + customer + "'"|}, cancellationToken);

            public static IQueryable<int> Ids(ShopContext db, string customer)
                => db.Database.SqlQueryRaw<int>({|#2:$"SELECT Id AS Value FROM Orders WHERE Customer = '{customer}'"|});
        }
        """, new[]
        {
            Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(0).WithArguments("FromSqlRaw", "by interpolation", EfFix("FromSql")),
            Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(1).WithArguments("ExecuteSqlRawAsync", "by concatenation", EfFix("ExecuteSqlAsync")),
            Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(2).WithArguments("SqlQueryRaw", "by interpolation", EfFix("SqlQuery")),
        }, EfModel + """

        public static class Queries
        {
            private const string Table = "Orders";

            public static IQueryable<Order> ByCustomer(ShopContext db, string customer, int minId)
                => db.Orders.FromSql($"SELECT * FROM Orders WHERE Customer = {customer} AND Id > {minId}");

            public static Task<int> DeleteAsync(ShopContext db, string customer, System.Threading.CancellationToken cancellationToken)
                => db.Database.ExecuteSqlAsync($"DELETE FROM Orders WHERE Customer = {customer}", cancellationToken);

            public static IQueryable<int> Ids(ShopContext db, string customer)
                => db.Database.SqlQuery<int>($"SELECT Id AS Value FROM Orders WHERE Customer = {customer}");
        }
        """, EquivalenceKeys.ParameterizeQuery);

    [Fact]
    public Task SqlCommand_GetsPlaceholdersAndParameters_FixAll() => Verify.VerifyCodeFixAsync("""
        using Microsoft.Data.SqlClient;

        public static class Orders
        {
            public static SqlCommand ByCustomer(SqlConnection connection, string customer, int minTotal)
            {
                var command = new SqlCommand({|#0:$"SELECT * FROM Orders WHERE Customer = '{customer}' AND Total > {minTotal}"|}, connection);
                return command;
            }

            public static void Delete(SqlCommand command, string id)
            {
                command.CommandText = {|#1:"DELETE FROM Orders WHERE Id = '" + id + "'"|}; // one row
                command.ExecuteNonQuery();
            }

            public static int Count(SqlConnection connection, string region)
            {
                using var command = new SqlCommand { Connection = connection, CommandText = {|#2:$"SELECT COUNT(*) FROM Orders WHERE Region = '{region}'"|} };
                return (int)command.ExecuteScalar();
            }
        }
        """, new[]
        {
            Sql(0, "SqlCommand(string)", "by interpolation"),
            Sql(1, "SqlCommand.CommandText", "by concatenation"),
            Sql(2, "SqlCommand.CommandText", "by interpolation"),
        }, """
        using Microsoft.Data.SqlClient;

        public static class Orders
        {
            public static SqlCommand ByCustomer(SqlConnection connection, string customer, int minTotal)
            {
                var command = new SqlCommand("SELECT * FROM Orders WHERE Customer = @customer AND Total > @minTotal", connection);
                command.Parameters.AddWithValue("@customer", customer);
                command.Parameters.AddWithValue("@minTotal", minTotal);
                return command;
            }

            public static void Delete(SqlCommand command, string id)
            {
                command.CommandText = "DELETE FROM Orders WHERE Id = @id"; // one row
                command.Parameters.AddWithValue("@id", id);
                command.ExecuteNonQuery();
            }

            public static int Count(SqlConnection connection, string region)
            {
                using var command = new SqlCommand { Connection = connection, CommandText = "SELECT COUNT(*) FROM Orders WHERE Region = @region" };
                command.Parameters.AddWithValue("@region", region);
                return (int)command.ExecuteScalar();
            }
        }
        """, EquivalenceKeys.ParameterizeQuery);

    [Fact]
    public Task RawAndVerbatimStrings_KeepTheirForm() => Verify.VerifyCodeFixAsync(""""
        using Microsoft.Azure.Cosmos;

        public static class Queries
        {
            public static QueryDefinition Verbatim(string id)
                => new QueryDefinition({|#0:$@"SELECT * FROM c
                    WHERE c.id = '{id}'"|});

            public static QueryDefinition Raw(string id)
                => new QueryDefinition({|#1:$"""
                    SELECT * FROM c
                    WHERE c.id = '{id}'
                    """|});
        }
        """", new[] { Cosmos(0), Cosmos(1) }, """"
        using Microsoft.Azure.Cosmos;

        public static class Queries
        {
            public static QueryDefinition Verbatim(string id)
                => new QueryDefinition(@"SELECT * FROM c
                    WHERE c.id = @id").WithParameter("@id", id);

            public static QueryDefinition Raw(string id)
                => new QueryDefinition("""
                    SELECT * FROM c
                    WHERE c.id = @id
                    """).WithParameter("@id", id);
        }
        """", EquivalenceKeys.ParameterizeQuery);

    [Fact]
    public Task TextThatCannotStayEquivalent_NoAction() => VerifyNoActionAsync("""
        using Microsoft.Azure.Cosmos;
        using Microsoft.Data.SqlClient;

        public static class Queries
        {
            public static QueryDefinition Like(string name)
                => new QueryDefinition({|#0:$"SELECT * FROM c WHERE c.name LIKE '%{name}%'"|});

            public static QueryDefinition Column(string column, string id)
                => new QueryDefinition({|#1:$"SELECT * FROM c ORDER BY c.{column}"|});

            public static QueryDefinition Formatted(string id, double total)
                => new QueryDefinition({|#2:$"SELECT * FROM c WHERE c.id = '{id}' AND c.total > {total:F2}"|});

            public static SqlCommand Returned(string id)
                => new SqlCommand({|#3:$"SELECT * FROM Orders WHERE Id = '{id}'"|});
        }
        """,
        Cosmos(0), Cosmos(1), Cosmos(2), Sql(3, "SqlCommand(string)", "by interpolation"));

    [Fact]
    public Task EntityFrameworkWithParameterArray_NoAction() => VerifyNoActionAsync(EfModel + """

        public static class Queries
        {
            public static IQueryable<Order> ByCustomer(ShopContext db, string customer, int id)
                => db.Orders.FromSqlRaw({|#0:$"SELECT * FROM Orders WHERE Customer = '{customer}' AND Id = {0}"|}, id);
        }
        """,
        Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(0).WithArguments("FromSqlRaw", "by interpolation", EfFix("FromSql")));

    [Fact]
    public Task Dapper_NoAction() => VerifyNoActionAsync("""
        using System.Collections.Generic;
        using System.Data;
        using Dapper;

        public static class Queries
        {
            public static IEnumerable<int> Ids(IDbConnection connection, string customer)
                => connection.Query<int>({|#0:$"SELECT Id FROM Orders WHERE Customer = '{customer}'"|});
        }
        """,
        Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(0).WithArguments("Dapper Query", "by interpolation", DapperFix));

    [Fact]
    public Task TextBuiltBeforeTheCall_NoAction() => VerifyNoActionAsync("""
        using Microsoft.Azure.Cosmos;

        public static class Queries
        {
            public static QueryDefinition ById(string id)
            {
                var query = $"SELECT * FROM c WHERE c.id = '{id}'";
                return new QueryDefinition({|#0:query|});
            }
        }
        """,
        Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(0).WithArguments("QueryDefinition(string)", "in 'query'", CosmosFix));

    [Fact]
    public Task InPlaceText_WithLocalFromParameter_IsFixed() => Verify.VerifyCodeFixAsync("""
        using Microsoft.Azure.Cosmos;

        public sealed record Request(string Customer);

        public static class Queries
        {
            public static QueryDefinition ByCustomer(Request request)
            {
                var customer = request.Customer;
                return new QueryDefinition({|#0:$"SELECT * FROM c WHERE c.customer = '{customer}'"|});
            }
        }
        """, Cosmos(0), """
        using Microsoft.Azure.Cosmos;

        public sealed record Request(string Customer);

        public static class Queries
        {
            public static QueryDefinition ByCustomer(Request request)
            {
                var customer = request.Customer;
                return new QueryDefinition("SELECT * FROM c WHERE c.customer = @customer").WithParameter("@customer", customer);
            }
        }
        """, EquivalenceKeys.ParameterizeQuery);

    [Fact]
    public Task ProviderCommands_GetPlaceholdersAndParameters() => Verify.VerifyCodeFixAsync("""
        using MySqlConnector;
        using Npgsql;

        public static class Orders
        {
            public static void Postgres(NpgsqlConnection connection, string customer)
            {
                var command = new NpgsqlCommand({|#0:$"SELECT * FROM orders WHERE customer = '{customer}'"|}, connection);
                command.ExecuteNonQuery();
            }

            public static void MySql(MySqlCommand command, string id)
            {
                command.CommandText = {|#1:"DELETE FROM orders WHERE id = '" + id + "'"|};
                command.ExecuteNonQuery();
            }
        }
        """, new[] { Sql(0, "NpgsqlCommand(string)", "by interpolation"), Sql(1, "MySqlCommand.CommandText", "by concatenation") }, """
        using MySqlConnector;
        using Npgsql;

        public static class Orders
        {
            public static void Postgres(NpgsqlConnection connection, string customer)
            {
                var command = new NpgsqlCommand("SELECT * FROM orders WHERE customer = @customer", connection);
                command.Parameters.AddWithValue("@customer", customer);
                command.ExecuteNonQuery();
            }

            public static void MySql(MySqlCommand command, string id)
            {
                command.CommandText = "DELETE FROM orders WHERE id = @id";
                command.Parameters.AddWithValue("@id", id);
                command.ExecuteNonQuery();
            }
        }
        """);

    [Fact]
    public Task CommandWithoutAddWithValue_NoAction() => VerifyNoActionAsync("""
        using System.Data.Common;

        public static class Orders
        {
            public static void Delete(DbConnection connection, string id)
            {
                using var command = connection.CreateCommand();
                command.CommandText = {|#0:$"DELETE FROM orders WHERE id = '{id}'"|};
                command.ExecuteNonQuery();
            }
        }
        """, Verify.Diagnostic(Descriptors.AZSEC410_QueryInjection).WithLocation(0).WithArguments("DbCommand.CommandText", "by interpolation", AdoNetFix));
}
