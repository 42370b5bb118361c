namespace AzSecAnalyzers.Infrastructure;

/// <summary>The Azure service families the rules recognise by endpoint host.</summary>
internal enum AzureService
{
    None = 0,
    Storage,
    ServiceBus,
    CosmosDb,
    KeyVault,
    AppConfiguration,
    Search,
    AIServices,
    WebPubSub,
    SignalR,
    Sql,
    Redis,
    EventGrid,
    AppService,
    ContainerRegistry,
}

/// <summary>
/// The endpoint model shared by the rules: which Azure service a host belongs to (public and
/// sovereign clouds), and whether an endpoint is local (a developer's emulator, not the cloud).
/// </summary>
internal static class AzureEndpoints
{
    private static readonly char[] HostEnd = { ',', ':', '/' };

    // Host suffixes per service, for the public cloud, Azure China and Azure US Government.
    private static readonly (string Suffix, AzureService Service)[] Suffixes =
    {
        (".core.windows.net", AzureService.Storage),
        (".core.chinacloudapi.cn", AzureService.Storage),
        (".core.usgovcloudapi.net", AzureService.Storage),
        (".servicebus.windows.net", AzureService.ServiceBus),
        (".servicebus.chinacloudapi.cn", AzureService.ServiceBus),
        (".servicebus.usgovcloudapi.net", AzureService.ServiceBus),
        (".documents.azure.com", AzureService.CosmosDb),
        (".documents.azure.cn", AzureService.CosmosDb),
        (".documents.azure.us", AzureService.CosmosDb),
        (".cosmos.azure.com", AzureService.CosmosDb),
        (".vault.azure.net", AzureService.KeyVault),
        (".vault.azure.cn", AzureService.KeyVault),
        (".vault.usgovcloudapi.net", AzureService.KeyVault),
        (".managedhsm.azure.net", AzureService.KeyVault),
        (".azconfig.io", AzureService.AppConfiguration),
        (".azconfig.azure.cn", AzureService.AppConfiguration),
        (".azconfig.azure.us", AzureService.AppConfiguration),
        (".search.windows.net", AzureService.Search),
        (".search.azure.cn", AzureService.Search),
        (".search.azure.us", AzureService.Search),
        (".openai.azure.com", AzureService.AIServices),
        (".openai.azure.us", AzureService.AIServices),
        (".cognitiveservices.azure.com", AzureService.AIServices),
        (".cognitiveservices.azure.cn", AzureService.AIServices),
        (".cognitiveservices.azure.us", AzureService.AIServices),
        (".services.ai.azure.com", AzureService.AIServices),
        (".webpubsub.azure.com", AzureService.WebPubSub),
        (".service.signalr.net", AzureService.SignalR),
        (".signalr.azure.cn", AzureService.SignalR),
        (".signalr.azure.us", AzureService.SignalR),
        (".database.windows.net", AzureService.Sql),
        (".database.chinacloudapi.cn", AzureService.Sql),
        (".database.usgovcloudapi.net", AzureService.Sql),
        (".sql.azuresynapse.net", AzureService.Sql),
        (".redis.cache.windows.net", AzureService.Redis),
        (".redis.cache.chinacloudapi.cn", AzureService.Redis),
        (".redis.cache.usgovcloudapi.net", AzureService.Redis),
        (".redis.azure.net", AzureService.Redis),
        (".eventgrid.azure.net", AzureService.EventGrid),
        (".azurewebsites.net", AzureService.AppService),
        (".azurewebsites.us", AzureService.AppService),
        (".chinacloudsites.cn", AzureService.AppService),
        (".azurecr.io", AzureService.ContainerRegistry),
        (".azurecr.cn", AzureService.ContainerRegistry),
        (".azurecr.us", AzureService.ContainerRegistry),
    };

    /// <summary>The Azure service a host name belongs to; <see cref="AzureService.None"/> for any other host.</summary>
    public static AzureService ClassifyHost(string? host)
    {
        if (host is null || host.Length == 0)
        {
            return AzureService.None;
        }

        // "tcp:myserver.database.windows.net,1433" (SQL) and "host:port" forms: keep only the host.
        var trimmed = host.Trim();
        if (trimmed.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed.Substring(4);
        }

        var end = trimmed.IndexOfAny(HostEnd);
        if (end >= 0)
        {
            trimmed = trimmed.Substring(0, end);
        }

        trimmed = trimmed.TrimEnd('.');
        foreach (var (suffix, service) in Suffixes)
        {
            if (trimmed.Length > suffix.Length && trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return service;
            }
        }

        return AzureService.None;
    }

    /// <summary>The product name of a service family, for messages (e.g. "Azure Storage").</summary>
    public static string DisplayName(AzureService service) => service switch
    {
        AzureService.Storage => "Azure Storage",
        AzureService.ServiceBus => "Azure Service Bus / Event Hubs",
        AzureService.CosmosDb => "Azure Cosmos DB",
        AzureService.KeyVault => "Azure Key Vault",
        AzureService.AppConfiguration => "Azure App Configuration",
        AzureService.Search => "Azure AI Search",
        AzureService.AIServices => "Azure OpenAI / AI services",
        AzureService.WebPubSub => "Azure Web PubSub",
        AzureService.SignalR => "Azure SignalR Service",
        AzureService.Sql => "Azure SQL",
        AzureService.Redis => "Azure Cache for Redis",
        AzureService.EventGrid => "Azure Event Grid",
        AzureService.AppService => "Azure App Service",
        AzureService.ContainerRegistry => "Azure Container Registry",
        _ => "an Azure service",
    };

    /// <summary>Parses an absolute http(s)/sb URI without throwing; null when the text is not one.</summary>
    public static Uri? TryParseAbsolute(string? text)
    {
        if (text is null || text.Length == 0 || text.Length > 2048)
        {
            return null;
        }

        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri : null;
    }

    /// <summary>True for hosts that only reach this machine or a local container: emulators and dev servers, never the cloud.</summary>
    public static bool IsLocalHost(string? host)
    {
        if (host is null)
        {
            return false;
        }

        var h = host.Trim().Trim('[', ']');
        return h.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || h.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || h == "127.0.0.1"
            || h.StartsWith("127.", StringComparison.Ordinal)
            || h == "::1"
            || h == "0.0.0.0"
            || h.Equals("host.docker.internal", StringComparison.OrdinalIgnoreCase)
            || h.Equals("azurite", StringComparison.OrdinalIgnoreCase);
    }
}
