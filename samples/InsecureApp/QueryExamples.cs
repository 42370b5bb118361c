using Microsoft.Data.SqlClient;

namespace InsecureApp;

// Query text built from a value (AZSEC410): the customer name becomes part of the SQL.
public static class QueryExamples
{
    public static int CountOrders(SqlConnection connection, string customer)
    {
        using var command = new SqlCommand($"SELECT COUNT(*) FROM Orders WHERE Customer = '{customer}'", connection);
        return (int)command.ExecuteScalar();
    }
}
