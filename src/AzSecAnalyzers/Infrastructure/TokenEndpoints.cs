namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// Derives the endpoint a <c>TokenCredential</c> constructor needs from a connection string, for
/// each service family that has one. Every method answers false rather than guess: a code fix that
/// cannot derive the endpoint exactly offers nothing.
/// </summary>
internal static class TokenEndpoints
{
    private const string DefaultStorageSuffix = "core.windows.net";

    /// <summary>
    /// The storage service URI (<c>https://{account}.{service}.{suffix}</c>) for <paramref name="service"/>
    /// (<c>blob</c>, <c>queue</c>, <c>table</c>, <c>file</c>): the explicit <c>BlobEndpoint=</c>-style key
    /// first, then <c>AccountName</c> with <c>EndpointSuffix</c> (the public cloud when absent).
    /// Plain-http endpoints and emulators give false: tokens are only sent over https.
    /// </summary>
    public static bool TryGetStorageServiceUri(ConnectionString connectionString, string service, out string serviceUri)
    {
        serviceUri = string.Empty;
        if (connectionString.IsEmpty || DevelopmentEmulators.IsEmulatorConnectionString(connectionString))
        {
            return false;
        }

        if (connectionString[service + "Endpoint"] is { } explicitEndpoint)
        {
            return TryNormalizeHttps(explicitEndpoint, out serviceUri);
        }

        var account = connectionString["AccountName"];
        if (account is null || !IsStorageAccountName(account)
            || (connectionString["DefaultEndpointsProtocol"] is { } protocol && !protocol.Equals("https", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var suffix = connectionString["EndpointSuffix"] is { Length: > 0 } s ? s.Trim().Trim('.') : DefaultStorageSuffix;
        if (!IsHostName(suffix))
        {
            return false;
        }

        serviceUri = "https://" + account.ToLowerInvariant() + "." + service + "." + suffix.ToLowerInvariant();
        return true;
    }

    /// <summary>
    /// The fully qualified namespace (<c>{ns}.servicebus.windows.net</c>) of a Service Bus or Event Hubs
    /// connection string (<c>Endpoint=sb://{ns}.servicebus.windows.net/</c>), and its <c>EntityPath</c> if any.
    /// </summary>
    public static bool TryGetMessagingNamespace(ConnectionString connectionString, out string fullyQualifiedNamespace, out string? entityPath)
    {
        fullyQualifiedNamespace = string.Empty;
        entityPath = null;
        if (connectionString.IsEmpty
            || DevelopmentEmulators.IsEmulatorConnectionString(connectionString)
            || AzureEndpoints.TryParseAbsolute(connectionString["Endpoint"]) is not { } endpoint
            || !(endpoint.Scheme.Equals("sb", StringComparison.OrdinalIgnoreCase) || endpoint.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase) || endpoint.Scheme.Equals("amqps", StringComparison.OrdinalIgnoreCase))
            || endpoint.AbsolutePath.Trim('/').Length != 0
            || !IsHostName(endpoint.Host))
        {
            return false;
        }

        fullyQualifiedNamespace = endpoint.Host.ToLowerInvariant();
        entityPath = connectionString["EntityPath"] is { Length: > 0 } path ? path.Trim() : null;
        return true;
    }

    /// <summary>The https endpoint under <paramref name="key"/> (<c>AccountEndpoint</c> for Cosmos DB, <c>Endpoint</c> for App Configuration).</summary>
    public static bool TryGetHttpsEndpoint(ConnectionString connectionString, string key, out string endpoint)
    {
        endpoint = string.Empty;
        return !connectionString.IsEmpty
            && !DevelopmentEmulators.IsEmulatorConnectionString(connectionString)
            && connectionString[key] is { } value
            && TryNormalizeHttps(value, out endpoint);
    }

    /// <summary>An absolute https URI with no query or fragment, without a trailing slash.</summary>
    private static bool TryNormalizeHttps(string value, out string uri)
    {
        uri = string.Empty;
        if (AzureEndpoints.TryParseAbsolute(value) is not { } parsed
            || !parsed.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            || parsed.Query.Length != 0
            || parsed.Fragment.Length != 0
            || parsed.UserInfo.Length != 0
            || AzureEndpoints.IsLocalHost(parsed.Host))
        {
            return false;
        }

        uri = parsed.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return true;
    }

    private static bool IsStorageAccountName(string name)
    {
        if (name.Length < 3 || name.Length > 24)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(c is >= 'a' and <= 'z' || c is >= 'A' and <= 'Z' || c is >= '0' and <= '9'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHostName(string host)
    {
        if (host.Length == 0 || host.Length > 253 || host[0] == '.' || host[host.Length - 1] == '.')
        {
            return false;
        }

        foreach (var c in host)
        {
            if (!(c is >= 'a' and <= 'z' || c is >= 'A' and <= 'Z' || c is >= '0' and <= '9' || c == '-' || c == '.'))
            {
                return false;
            }
        }

        return host.IndexOf('.') > 0;
    }
}
