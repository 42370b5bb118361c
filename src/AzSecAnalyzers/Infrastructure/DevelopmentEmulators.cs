namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// Values that only ever address a local emulator (Azurite, the Cosmos DB emulator, the Service Bus
/// and Event Hubs emulators). Microsoft publishes these keys; they are not secrets, and
/// connection strings built from them must never be reported.
/// </summary>
internal static class DevelopmentEmulators
{
    private static readonly char[] HostEnd = { ',', ':', '\\' };

    /// <summary>The account name Azurite and the legacy storage emulator serve.</summary>
    public const string StorageAccountName = "devstoreaccount1";

    /// <summary>The published Azurite / storage emulator account key.</summary>
    public const string StorageAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The published Azure Cosmos DB emulator key.</summary>
    public const string CosmosDbKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    /// <summary>True when the value is one of the published emulator keys.</summary>
    public static bool IsWellKnownKey(string? value)
        => value is not null
           && (string.Equals(value.Trim(), StorageAccountKey, StringComparison.Ordinal)
               || string.Equals(value.Trim(), CosmosDbKey, StringComparison.Ordinal));

    /// <summary>
    /// True when a connection string can only reach a local emulator: <c>UseDevelopmentStorage=true</c>,
    /// <c>UseDevelopmentEmulator=true</c>, the Azurite account, or endpoints that are all local hosts.
    /// </summary>
    public static bool IsEmulatorConnectionString(ConnectionString connectionString)
    {
        if (connectionString.IsEmpty)
        {
            return false;
        }

        if (IsTrue(connectionString["UseDevelopmentStorage"]) || IsTrue(connectionString["UseDevelopmentEmulator"]))
        {
            return true;
        }

        if (string.Equals(connectionString["AccountName"], StorageAccountName, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var sawEndpoint = false;
        foreach (var part in connectionString.Parts)
        {
            if (!IsEndpointKey(part.Key))
            {
                continue;
            }

            sawEndpoint = true;
            var uri = AzureEndpoints.TryParseAbsolute(part.Value);
            var host = uri?.Host ?? HostOfServerValue(part.Value);
            if (!AzureEndpoints.IsLocalHost(host))
            {
                return false;
            }
        }

        return sawEndpoint;
    }

    /// <summary>
    /// True when a connection string carries only what an emulator publishes: <c>UseDevelopmentStorage=true</c>,
    /// <c>UseDevelopmentEmulator=true</c>, the Azurite account, or a published emulator key as its only key. Narrower
    /// than <see cref="IsEmulatorConnectionString"/>: a password for a database on this machine is still a password.
    /// </summary>
    public static bool UsesPublishedEmulatorCredentials(ConnectionString connectionString)
    {
        if (connectionString.IsEmpty)
        {
            return false;
        }

        if (IsTrue(connectionString["UseDevelopmentStorage"]) || IsTrue(connectionString["UseDevelopmentEmulator"])
            || string.Equals(connectionString["AccountName"], StorageAccountName, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var key = connectionString["AccountKey"];
        return key is not null && IsWellKnownKey(key) && connectionString["Password"] is null && connectionString["SharedAccessKey"] is null;
    }

    private static bool IsEndpointKey(string key)
        => key.EndsWith("Endpoint", StringComparison.OrdinalIgnoreCase)
           || key.Equals("Server", StringComparison.OrdinalIgnoreCase)
           || key.Equals("Data Source", StringComparison.OrdinalIgnoreCase)
           || key.Equals("Host", StringComparison.OrdinalIgnoreCase);

    // "tcp:host,1433", "host:6380", "(localdb)\MSSQLLocalDB"
    private static string HostOfServerValue(string value)
    {
        var text = value.Trim();
        if (text.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase))
        {
            text = text.Substring(4);
        }

        if (text.StartsWith("(localdb)", StringComparison.OrdinalIgnoreCase) || text == "." || text.StartsWith(".\\", StringComparison.Ordinal))
        {
            return "localhost";
        }

        var end = text.IndexOfAny(HostEnd);
        return end >= 0 ? text.Substring(0, end) : text;
    }

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
