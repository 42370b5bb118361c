using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.QueryInjectionAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

/// <summary>AZSEC410 on every ADO.NET provider's command, and the Cosmos shapes real code writes (IN lists, ?:).</summary>
public partial class QueryInjectionAnalyzerTests
{
    internal const string AdoNetFix = "put @name placeholders in the text and add each value as a parameter (command.CreateParameter(), then command.Parameters.Add)";

    [Fact]
    public Task ProviderCommands_BuiltText_Trigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Data.Sqlite;
        using MySqlConnector;
        using Npgsql;

        public static class Orders
        {
            public static NpgsqlCommand Postgres(NpgsqlConnection connection, string customer)
                => new NpgsqlCommand({|#0:$"SELECT * FROM orders WHERE customer = '{customer}'"|}, connection);

            public static MySqlCommand MySql(MySqlConnection connection, string customer)
                => new MySqlCommand({|#1:"SELECT * FROM orders WHERE customer = '" + customer + "'"|}, connection);

            public static SqliteCommand Sqlite(SqliteConnection connection, string customer)
                => new SqliteCommand({|#2:string.Format("SELECT * FROM orders WHERE customer = '{0}'", customer)|}, connection);

            public static void Assigned(NpgsqlCommand command, string id)
            {
                command.CommandText = {|#3:$"DELETE FROM orders WHERE id = '{id}'"|};
            }
        }
        """,
        Expected(0, "NpgsqlCommand(string)", "by interpolation", SqlCommandFix),
        Expected(1, "MySqlCommand(string)", "by concatenation", SqlCommandFix),
        Expected(2, "SqliteCommand(string)", "by string.Format", SqlCommandFix),
        Expected(3, "NpgsqlCommand.CommandText", "by interpolation", SqlCommandFix));

    [Fact]
    public Task CommandsFromCreateCommand_BuiltText_Trigger() => Verify.VerifyAnalyzerAsync("""
        using System.Data;
        using System.Data.Common;
        using Microsoft.Data.Sqlite;

        public static class Orders
        {
            public static void Common(DbConnection connection, string customer)
            {
                using var command = connection.CreateCommand();
                command.CommandText = {|#0:$"SELECT * FROM orders WHERE customer = '{customer}'"|};
            }

            public static void Interface(IDbConnection connection, string customer)
            {
                var command = connection.CreateCommand();
                command.CommandText = {|#1:"SELECT * FROM orders WHERE customer = '" + customer + "'"|};
            }

            public static void Provider(SqliteConnection connection, string customer)
            {
                var command = connection.CreateCommand();
                var sql = $"SELECT * FROM orders WHERE customer = '{customer}'";
                command.CommandText = {|#2:sql|};
            }
        }
        """,
        Expected(0, "DbCommand.CommandText", "by interpolation", AdoNetFix),
        Expected(1, "IDbCommand.CommandText", "by concatenation", AdoNetFix),
        Expected(2, "SqliteCommand.CommandText", "in 'sql'", SqlCommandFix));

    [Fact]
    public Task ParameterizedProviderCommands_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Data;
        using System.Data.Common;
        using Microsoft.Data.Sqlite;
        using MySqlConnector;
        using Npgsql;

        public static class Orders
        {
            private const string Table = "orders";

            public static void Run(NpgsqlConnection postgres, MySqlConnection mySql, SqliteConnection sqlite, DbConnection common, IDbConnection any, string customer, int top)
            {
                var a = new NpgsqlCommand("SELECT * FROM orders WHERE customer = @customer", postgres);
                a.Parameters.AddWithValue("@customer", customer);
                var b = new MySqlCommand($"SELECT * FROM {Table} WHERE customer = @customer LIMIT {top}", mySql);
                b.Parameters.AddWithValue("@customer", customer);
                var c = sqlite.CreateCommand();
                c.CommandText = "SELECT * FROM orders WHERE customer = $customer";
                c.Parameters.AddWithValue("$customer", customer);
                using var d = common.CreateCommand();
                d.CommandText = "SELECT * FROM " + Table + " WHERE customer = @customer";
                var parameter = d.CreateParameter();
                parameter.ParameterName = "@customer";
                parameter.Value = customer;
                d.Parameters.Add(parameter);
                var e = any.CreateCommand();
                e.CommandText = $"SELECT TOP {top} * FROM orders";
            }
        }

        public sealed class Report
        {
            public string CommandText { get; set; } = "";

            public static Report For(string customer) => new Report { CommandText = $"orders of {customer}" };
        }
        """);

    [Fact]
    public Task CosmosInListsAndChosenText_Trigger() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.Azure.Cosmos;

        public sealed class Items(Container container)
        {
            public QueryDefinition ByIds(IEnumerable<string> ids)
                => new QueryDefinition({|#0:$"SELECT * FROM c WHERE c.id IN ({string.Join(",", ids.Select(id => $"'{id}'"))})"|});

            public QueryDefinition ByIdsThroughLocal(List<string> ids)
            {
                var list = string.Join(", ", ids.Select(id => "\"" + id + "\""));
                return new QueryDefinition({|#1:$"SELECT * FROM c WHERE c.id IN ({list})"|});
            }

            public QueryDefinition Chosen(string? category)
                => new QueryDefinition({|#2:category is null ? "SELECT * FROM c" : $"SELECT * FROM c WHERE c.category = '{category}'"|});

            public QueryDefinition ChosenFilter(string? category)
            {
                var filter = category is null ? "true" : $"c.category = '{category}'";
                return new QueryDefinition({|#3:$"SELECT * FROM c WHERE {filter}"|});
            }
        }
        """,
        Expected(0, "QueryDefinition(string)", "by interpolation", CosmosFix),
        Expected(1, "QueryDefinition(string)", "by interpolation", CosmosFix),
        Expected(2, "QueryDefinition(string)", "before the call", CosmosFix),
        Expected(3, "QueryDefinition(string)", "by interpolation", CosmosFix));

    [Fact]
    public Task CosmosPlaceholderListsAndConstantChoices_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using Microsoft.Azure.Cosmos;

        public sealed class Items(Container container)
        {
            public QueryDefinition ByIds(IReadOnlyList<string> ids)
            {
                var names = string.Join(", ", ids.Select((_, i) => $"@id{i}"));
                var query = new QueryDefinition($"SELECT * FROM c WHERE c.id IN ({names})");
                for (var i = 0; i < ids.Count; i++)
                {
                    query = query.WithParameter($"@id{i}", ids[i]);
                }

                return query;
            }

            public QueryDefinition ByNumbers(int[] numbers)
                => new QueryDefinition($"SELECT * FROM c WHERE c.n IN ({string.Join(",", numbers)})");

            public QueryDefinition Ordered(bool descending)
                => new QueryDefinition(descending ? "SELECT * FROM c ORDER BY c.ts DESC" : "SELECT * FROM c ORDER BY c.ts");

            public QueryDefinition Filtered(string? category)
                => new QueryDefinition(category is null ? "SELECT * FROM c" : "SELECT * FROM c WHERE c.category = @category")
                    .WithParameter("@category", category);
        }
        """);
}
