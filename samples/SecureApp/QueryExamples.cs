using Microsoft.Data.SqlClient;

namespace SecureApp;

// The customer name travels as a parameter, never as query text.
public static class QueryExamples
{
    public static int CountOrders(SqlConnection connection, string customer)
    {
        using var command = new SqlCommand("SELECT COUNT(*) FROM Orders WHERE Customer = @customer", connection);
        command.Parameters.AddWithValue("@customer", customer);
        return (int)command.ExecuteScalar();
    }
}
