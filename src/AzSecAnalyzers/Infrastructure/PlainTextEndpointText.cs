namespace AzSecAnalyzers.Infrastructure;

/// <summary>One plain-text setting found inside a string, with offsets relative to the string's value.</summary>
internal readonly struct PlainTextFinding
{
    public PlainTextFinding(int start, int length, string problem, string fix, string fixTitle, int editStart, int editLength, string? editText)
    {
        Start = start;
        Length = length;
        Problem = problem;
        Fix = fix;
        FixTitle = fixTitle;
        EditStart = editStart;
        EditLength = editLength;
        EditText = editText;
    }

    /// <summary>The part to report on: the URL, or one value of a connection string.</summary>
    public int Start { get; }

    public int Length { get; }

    /// <summary>First message argument: what is wrong, naming the setting and the service (never a secret).</summary>
    public string Problem { get; }

    /// <summary>Second message argument: the fix.</summary>
    public string Fix { get; }

    public string FixTitle { get; }

    public int EditStart { get; }

    public int EditLength { get; }

    /// <summary>The text replacing [EditStart, EditStart + EditLength); null when no mechanical fix is safe.</summary>
    public string? EditText { get; }
}

/// <summary>
/// Finds plain-text Azure endpoints inside string values: <c>http://</c> URLs whose host is an Azure
/// service, and connection strings with <c>DefaultEndpointsProtocol=http</c>, <c>…Endpoint=http://</c>,
/// SQL <c>Encrypt=False|no|Optional</c> or <c>TrustServerCertificate=True</c> against Azure SQL, and
/// StackExchange.Redis strings for Azure Cache for Redis with <c>ssl=false</c> or port 6379.
/// Local hosts and emulator connection strings never produce a finding.
/// </summary>
internal static class PlainTextEndpointText
{
    private const string HttpScheme = "http://";

    public static List<PlainTextFinding>? Inspect(string value)
    {
        List<PlainTextFinding>? findings = null;
        var urlStart = SkipWhitespace(value, 0);
        if (TryInspectUrl(value, urlStart, out var url))
        {
            (findings ??= new List<PlainTextFinding>()).Add(url);
            return findings;
        }

        if (value.IndexOf('=') >= 0 && MayBeConnectionString(value))
        {
            InspectConnectionString(value, ref findings);
        }

        if (value.IndexOf(".redis.", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            InspectRedis(value, ref findings);
        }

        return findings;
    }

    /// <summary>
    /// A URL finding when <paramref name="text"/> holds an <c>http://</c> URL at <paramref name="start"/> whose host
    /// is an Azure service endpoint (used on whole literals, and on skeletons of interpolated or concatenated strings).
    /// </summary>
    public static bool TryInspectUrl(string text, int start, out PlainTextFinding finding)
    {
        finding = default;
        if (!TryGetHttpHost(text, start, out var host, out var port) || !IsAzureService(host, out var service))
        {
            return false;
        }

        var editable = port is null || port != "80";
        finding = new PlainTextFinding(
            start,
            text.Length - start,
            $"'http://{host}' reaches {AzureEndpoints.DisplayName(service)} without TLS",
            "use https://",
            "Use https://",
            start,
            4,
            editable ? "https" : null);
        return true;
    }

    private static bool MayBeConnectionString(string value)
        => value.IndexOf("DefaultEndpointsProtocol", StringComparison.OrdinalIgnoreCase) >= 0
           || value.IndexOf("Encrypt", StringComparison.OrdinalIgnoreCase) >= 0
           || value.IndexOf("TrustServerCertificate", StringComparison.OrdinalIgnoreCase) >= 0
           || value.IndexOf("Trust Server Certificate", StringComparison.OrdinalIgnoreCase) >= 0
           || value.IndexOf(HttpScheme, StringComparison.OrdinalIgnoreCase) >= 0;

    private static void InspectConnectionString(string value, ref List<PlainTextFinding>? findings)
    {
        var connectionString = ConnectionString.Parse(value);
        if (connectionString.IsEmpty || DevelopmentEmulators.IsEmulatorConnectionString(connectionString))
        {
            return;
        }

        foreach (var part in connectionString.Parts)
        {
            if (TryGetHttpHost(part.Value, 0, out var host, out var port) && IsAzureService(host, out var service))
            {
                (findings ??= new List<PlainTextFinding>()).Add(new PlainTextFinding(
                    part.ValueStart,
                    part.ValueLength,
                    $"'{part.Key}=http://{host}' reaches {AzureEndpoints.DisplayName(service)} without TLS",
                    "use https://",
                    "Use https://",
                    part.ValueStart,
                    4,
                    port == "80" ? null : "https"));
            }
        }

        // A storage connection string, not a lone "DefaultEndpointsProtocol=http" token (sanitizer lists, docs).
        if (connectionString.TryGet("DefaultEndpointsProtocol", out var protocol)
            && string.Equals(protocol.Value, "http", StringComparison.OrdinalIgnoreCase)
            && IsStorageConnectionString(connectionString))
        {
            (findings ??= new List<PlainTextFinding>()).Add(new PlainTextFinding(
                protocol.ValueStart,
                protocol.ValueLength,
                "'DefaultEndpointsProtocol=http' makes the Azure Storage client use plain HTTP",
                "use DefaultEndpointsProtocol=https",
                "Use DefaultEndpointsProtocol=https",
                protocol.ValueStart,
                protocol.ValueLength,
                "https"));
        }

        InspectSql(value, connectionString, ref findings);
    }

    private static bool IsStorageConnectionString(ConnectionString connectionString)
    {
        foreach (var part in connectionString.Parts)
        {
            if (part.Key.Equals("AccountName", StringComparison.OrdinalIgnoreCase)
                || part.Key.Equals("EndpointSuffix", StringComparison.OrdinalIgnoreCase)
                || part.Key.EndsWith("Endpoint", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void InspectSql(string value, ConnectionString connectionString, ref List<PlainTextFinding>? findings)
    {
        if (!connectionString.TryGetAny(out var server, "Server", "Data Source", "Address", "Addr", "Network Address")
            || !IsAzureService(server.Value, out var service))
        {
            return;
        }

        var serviceName = AzureEndpoints.DisplayName(service);
        var hasEncrypt = connectionString.TryGet("Encrypt", out var encrypt);
        if (hasEncrypt && (IsOneOf(encrypt.Value, "false", "no") || string.Equals(encrypt.Value, "optional", StringComparison.OrdinalIgnoreCase)))
        {
            (findings ??= new List<PlainTextFinding>()).Add(new PlainTextFinding(
                encrypt.ValueStart,
                encrypt.ValueLength,
                $"'Encrypt={encrypt.Value}' lets the connection to {serviceName} travel unencrypted",
                "use Encrypt=True",
                "Use Encrypt=True",
                encrypt.ValueStart,
                encrypt.ValueLength,
                "True"));
        }

        // Under Encrypt=Strict (TDS 8) SqlClient always validates the certificate and ignores TrustServerCertificate.
        if (connectionString.TryGetAny(out var trust, "TrustServerCertificate", "Trust Server Certificate")
            && IsOneOf(trust.Value, "true", "yes")
            && !(hasEncrypt && string.Equals(encrypt.Value, "strict", StringComparison.OrdinalIgnoreCase)))
        {
            var (editStart, editEnd) = PartSegment(value, trust);
            (findings ??= new List<PlainTextFinding>()).Add(new PlainTextFinding(
                trust.ValueStart,
                trust.ValueLength,
                $"'{trust.Key}={trust.Value}' skips validation of the {serviceName} server certificate",
                "remove TrustServerCertificate",
                "Remove TrustServerCertificate",
                editStart,
                editEnd - editStart,
                string.Empty));
        }
    }

    /// <summary>The text to delete to remove one <c>key=value</c> part with its separator.</summary>
    private static (int Start, int End) PartSegment(string value, ConnectionStringPart part)
    {
        var valueEnd = part.ValueStart + part.ValueLength;
        if (valueEnd < value.Length && part.ValueStart > 0 && (value[part.ValueStart - 1] == '"' || value[part.ValueStart - 1] == '\''))
        {
            valueEnd++;
        }

        var semicolon = value.IndexOf(';', Math.Min(valueEnd, value.Length));
        if (semicolon >= 0)
        {
            var end = semicolon + 1;
            while (end < value.Length && value[end] == ' ')
            {
                end++;
            }

            return (part.KeyStart, end);
        }

        // The last part: take the separator before it instead.
        var start = part.KeyStart;
        while (start > 0 && (value[start - 1] == ' ' || value[start - 1] == ';'))
        {
            start--;
            if (value[start] == ';')
            {
                break;
            }
        }

        return (start, valueEnd);
    }

    private static void InspectRedis(string value, ref List<PlainTextFinding>? findings)
    {
        var elements = RedisConfiguration.Parse(value);
        var hasSsl = RedisConfiguration.TryGetOption(elements, "ssl", out var ssl);
        var sawAzure = false;
        foreach (var element in elements)
        {
            if (!element.IsEndpoint || AzureEndpoints.ClassifyHost(element.Host) != AzureService.Redis)
            {
                continue;
            }

            sawAzure = true;
            var port = element.Port;
            if (port == "6379")
            {
                (findings ??= new List<PlainTextFinding>()).Add(new PlainTextFinding(
                    element.ValueStart + element.Value.Length - 4,
                    4,
                    $"'{element.Host}:6379' is the plain-text port of Azure Cache for Redis",
                    "use port 6380 with ssl=true",
                    "Use port 6380",
                    element.ValueStart + element.Value.Length - 4,
                    4,
                    "6380"));
            }
            else if (port is null && !hasSsl && elements.Count > 1
                     && element.Host.IndexOf(".redis.cache.", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // No port and no ssl option: StackExchange.Redis connects to 6379 without TLS.
                (findings ??= new List<PlainTextFinding>()).Add(new PlainTextFinding(
                    element.ValueStart,
                    element.Value.Length,
                    $"'{element.Host}' without ssl=true connects to Azure Cache for Redis on its plain-text port 6379",
                    "add ssl=true",
                    "Add ssl=true",
                    element.ValueStart + element.Value.Length,
                    0,
                    ",ssl=true"));
            }
        }

        if (sawAzure && hasSsl && string.Equals(ssl.Value, "false", StringComparison.OrdinalIgnoreCase))
        {
            (findings ??= new List<PlainTextFinding>()).Add(new PlainTextFinding(
                ssl.ValueStart,
                ssl.Value.Length,
                $"'{ssl.Key}={ssl.Value}' sends Azure Cache for Redis traffic in plain text",
                "use ssl=true",
                "Use ssl=true",
                ssl.ValueStart,
                ssl.Value.Length,
                "true"));
        }
    }

    /// <summary>The host of an <c>http://</c> URL at <paramref name="start"/>, and its port as written (null when none).</summary>
    private static bool TryGetHttpHost(string text, int start, out string host, out string? port)
    {
        host = string.Empty;
        port = null;
        if (text.Length - start <= HttpScheme.Length
            || string.Compare(text, start, HttpScheme, 0, HttpScheme.Length, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return false;
        }

        var authorityStart = start + HttpScheme.Length;
        var end = authorityStart;
        while (end < text.Length && text[end] is not ('/' or '?' or '#' or ';' or '"' or '\'') && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        var authority = text.Substring(authorityStart, end - authorityStart);
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority.Substring(at + 1);
        }

        var colon = authority.LastIndexOf(':');
        if (colon >= 0 && authority.IndexOf(']') < colon)
        {
            port = authority.Substring(colon + 1);
            authority = authority.Substring(0, colon);
        }

        host = authority;
        return host.Length > 0;
    }

    /// <summary>An Azure data-plane service (not the user's own App Service site, not a registry) on a non-local host.</summary>
    private static bool IsAzureService(string host, out AzureService service)
    {
        service = AzureEndpoints.ClassifyHost(host);
        return service is not (AzureService.None or AzureService.AppService or AzureService.ContainerRegistry)
            && !AzureEndpoints.IsLocalHost(host);
    }

    private static bool IsOneOf(string value, string a, string b)
        => string.Equals(value, a, StringComparison.OrdinalIgnoreCase) || string.Equals(value, b, StringComparison.OrdinalIgnoreCase);

    private static int SkipWhitespace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }
}
