using System.Linq;

namespace AzSecAnalyzers.Infrastructure.Secrets;

/// <summary>
/// Decides whether an identifier is named like a secret (<c>azsec.secret_name_patterns</c>) and
/// whether a literal assigned to it is plausibly a secret rather than a label, key name or URL.
/// </summary>
internal sealed class SecretNames
{
    public static readonly ImmutableArray<string> DefaultPatterns = ImmutableArray.Create(
        "password", "passwd", "pwd", "secret", "apikey", "accesskey", "token", "connectionstring", "sas", "credential");

    // Names that describe something about a secret rather than hold one: PasswordPrompt, TokenEndpoint, SecretName, ...
    private static readonly ImmutableHashSet<string> DescriptiveWords = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "name", "names", "id", "ids", "header", "headers", "url", "uri", "endpoint", "path", "file", "filename", "type", "field", "label",
        "prompt", "message", "text", "caption", "title", "policy", "format", "pattern", "regex", "length", "char", "scheme", "param",
        "parameter", "claim", "variable", "env", "setting", "settings", "section", "resource", "property", "column", "selector", "mode",
        "kind", "hint", "placeholder", "description", "error", "validation", "validator", "expiry", "expiration", "expires", "lifetime", "duration",
        "timeout", "count", "min", "max", "minimum", "maximum", "display", "provider", "template", "route", "version", "prefix", "suffix",
        "separator", "audience", "issuer", "scope", "scopes", "host", "event", "command", "query", "button", "tab", "page", "view",
        "form", "status", "rule", "hash", "hashed", "config", "configuration", "key" + "name", "location", "attribute", "tag", "regexp",
        "question", "reset", "request", "response", "cookie", "flag", "enabled", "required", "option", "options", "source", "target",
        "category", "group", "role", "state", "store", "lookup", "label", "strength", "complexity", "policy", "rules", "uri");

    private readonly ImmutableArray<string> _patterns;

    public SecretNames(ImmutableArray<string> patterns)
    {
        var normalized = ImmutableArray.CreateBuilder<string>(patterns.Length);
        foreach (var pattern in patterns)
        {
            var value = Normalize(pattern);
            if (value.Length > 0)
            {
                normalized.Add(value);
            }
        }

        _patterns = normalized.ToImmutable();
    }

    // Identity-based connection settings (Functions and the Azure SDK: "<connection>__credential" = "managedidentity",
    // "__clientId", "__fullyQualifiedNamespace", "__serviceUri", …) configure Entra ID, never a secret.
    private static readonly ImmutableHashSet<string> IdentitySettingSuffixes = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "credential", "clientId", "tenantId", "fullyQualifiedNamespace", "serviceUri", "blobServiceUri", "queueServiceUri", "tableServiceUri",
        "accountName", "accountEndpoint", "endpoint", "managedIdentityResourceId", "clientCertificatePath", "authorityHost");

    // Environment variables of DefaultAzureCredential that choose or describe an identity.
    private static readonly ImmutableHashSet<string> IdentitySettingNames = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase, "AZURE_TOKEN_CREDENTIALS", "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_AUTHORITY_HOST", "AZURE_FEDERATED_TOKEN_FILE");

    // Values that name an identity-based mode, not a secret ("<connection>__credential": "managedidentity").
    private static readonly ImmutableHashSet<string> IdentityModeValues = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase, "managedidentity", "managed-identity", "workloadidentity", "workload-identity");

    /// <summary>
    /// True for an identity-based connection setting (<c>ServiceBusConnection__credential</c>, <c>…__clientId</c>,
    /// <c>…__fullyQualifiedNamespace</c>, <c>…__serviceUri</c>) or a <c>DefaultAzureCredential</c> environment variable
    /// (<c>AZURE_TOKEN_CREDENTIALS</c>, <c>AZURE_CLIENT_ID</c>): it configures Microsoft Entra ID, it holds no secret.
    /// </summary>
    public static bool IsIdentityBasedSetting(string name)
    {
        var last = name.LastIndexOf(':');
        var segment = last >= 0 ? name.Substring(last + 1) : name;
        if (IdentitySettingNames.Contains(segment))
        {
            return true;
        }

        var separator = segment.LastIndexOf("__", StringComparison.Ordinal);
        return separator > 0 && IdentitySettingSuffixes.Contains(segment.Substring(separator + 2));
    }

    /// <summary>True when <paramref name="name"/> contains a secret pattern and does not merely describe a secret.</summary>
    public bool IsSecretName(string name)
    {
        if (IsIdentityBasedSetting(name))
        {
            return false;
        }

        var words = Words(name);
        if (words.Count == 0)
        {
            return false;
        }

        // "PasswordPrompt", "TokenEndpointUrl": a trailing descriptive word makes it metadata about a secret.
        if (DescriptiveWords.Contains(words[words.Count - 1]) || (words.Count > 1 && DescriptiveWords.Contains(words[words.Count - 2]) && words[words.Count - 1].Length <= 2))
        {
            return false;
        }

        return EndsWithPattern(words);
    }

    /// <summary>
    /// True for values that look like a key name, label, URL or path rather than a secret:
    /// <c>"client_secret"</c>, <c>"Enter password:"</c>, <c>"ConnectionStrings:Orders"</c>,
    /// <c>"DB_PASSWORD"</c>, <c>"https://login.microsoftonline.com/"</c>.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="targetName">
    /// What the value is stored under, if known. A value that is a bare secret word (<c>"secret"</c>, <c>"password"</c>)
    /// is a weak real secret (<c>options.ClientSecret = "secret"</c>), unless it spells the very name it is stored under
    /// (<c>const string Password = "password"</c>: a parameter or grant-type name).
    /// </param>
    public bool IsNonSecretValue(string value, string? targetName = null)
    {
        var text = value.Trim();
        if (text.Length == 0 || IdentityModeValues.Contains(text))
        {
            return true;
        }

        // The value spells the name it is stored under: a setting name kept in a constant (const string GraphClientSecret = "GraphClientSecret").
        if (targetName is not null && Normalize(targetName).Length > 0 && Normalize(targetName) == Normalize(text))
        {
            return true;
        }

        // Emulator values (UseDevelopmentStorage=true, the Azurite account, published emulator keys) unlock nothing.
        if (text.IndexOf('=') > 0 && DevelopmentEmulators.UsesPublishedEmulatorCredentials(ConnectionString.Parse(text)))
        {
            return true;
        }

        if (IsRedisEndpointList(text))
        {
            return true;
        }

        // Prose: "Enter password:", "Forgot your password?", "Your token has expired". A prompt or question has words;
        // "Summer2025?" is a password that ends in a symbol.
        if (((text.EndsWith(":", StringComparison.Ordinal) || text.EndsWith("?", StringComparison.Ordinal)) && text.IndexOf(' ') > 0) || CountWords(text) >= 3)
        {
            return true;
        }

        if (text.IndexOf("://", StringComparison.Ordinal) >= 0 && text.IndexOf('@') < 0)
        {
            return true;
        }

        // A connection string with no credential part ("Server=…;Database=…;Authentication=Active Directory
        // Default") names a resource, not a secret: the secure way to write one must stay silent.
        if (text.IndexOf(';') > 0 && text.IndexOf('=') > 0)
        {
            var parts = ConnectionString.Parse(text).Parts;
            if (parts.Count >= 2 && !parts.Any(part => IsCredentialKey(part.Key)))
            {
                return true;
            }
        }

        // Format templates: "secretmanager.getsecrets.{0}", "Bearer {token}".
        var open = text.IndexOf('{');
        if (open >= 0 && text.IndexOf('}', open) > open)
        {
            return true;
        }

        var onlyNameCharacters = true;
        var hasLetter = false;
        var hasDigit = false;
        var allUpperOrSeparator = true;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                hasLetter = true;
                if (!char.IsUpper(c))
                {
                    allUpperOrSeparator = false;
                }
            }
            else if (char.IsDigit(c))
            {
                hasDigit = true;
            }
            else if (c is not ('_' or '-' or '.' or ':' or '/' or '\\' or ' '))
            {
                onlyNameCharacters = false;
                allUpperOrSeparator = false;
            }
        }

        if (!onlyNameCharacters || !hasLetter)
        {
            return false;
        }

        // Acronyms naming a scheme or mode: "AAD", "JWT", "SAS".
        if (allUpperOrSeparator && !hasDigit && text.Length <= 4)
        {
            return true;
        }

        // Environment variable names: DB_PASSWORD, AZURE_CLIENT_SECRET.
        if (allUpperOrSeparator && text.IndexOf('_') > 0)
        {
            return true;
        }

        // Configuration paths: "ConnectionStrings:Orders", "Storage:AccountKey".
        if (text.IndexOf(':') > 0 && !hasDigit)
        {
            return true;
        }

        // A name built from a secret word: "client_secret", "access_token", "x-api-key", "clientSecret"; a bare secret
        // word only when it is the name it is stored under.
        var valueWords = Words(text);
        if (!hasDigit && valueWords.Count == 1 && valueWords[0].Length == text.Length && IsPatternWord(valueWords[0]))
        {
            // In capitals ("SECRET", "TOKEN") the word is the stand-in a deployment replaces, the way templates and
            // committed appsettings.json files mark every secret setting; "secret" as written is a value that works.
            if (allUpperOrSeparator)
            {
                return true;
            }

            return targetName is not null && string.Equals(Normalize(targetName.TrimStart('_')), valueWords[0], StringComparison.Ordinal);
        }

        return !hasDigit && MatchesPattern(valueWords);
    }

    private bool IsPatternWord(string word)
    {
        foreach (var pattern in _patterns)
        {
            if (word == pattern || word == pattern + "s")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A StackExchange.Redis configuration with endpoints and no password (<c>localhost:6379</c>,
    /// <c>redis:6379,abortConnect=false</c>): it names a server, it holds no secret.
    /// </summary>
    private static bool IsRedisEndpointList(string text)
    {
        if (text.IndexOf(':') <= 0 || text.IndexOf(';') >= 0 || text.IndexOf(' ') >= 0 || text.IndexOf("://", StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        var sawEndpoint = false;
        foreach (var element in RedisConfiguration.Parse(text))
        {
            if (element.IsEndpoint)
            {
                // "user:12345" is a user and a password: a bare name counts as a host only on a Redis port.
                if (element.Port is not { Length: > 0 } port || !IsDigits(port) || !IsHostName(element.Host)
                    || (element.Host.IndexOf('.') < 0 && !AzureEndpoints.IsLocalHost(element.Host) && port is not ("6379" or "6380" or "26379")))
                {
                    return false;
                }

                sawEndpoint = true;
            }
            else if (element.Key is null || IsCredentialKey(element.Key) || element.Key.Equals("user", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return sawEndpoint;
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHostName(string host)
    {
        if (host.Length == 0)
        {
            return false;
        }

        foreach (var c in host)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('.' or '-' or '_' or '[' or ']' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    // "SessionToken", "ContinuationToken", "CancellationToken": tokens that are not credentials.
    private static readonly ImmutableHashSet<string> NonSecretTokenQualifiers = ImmutableHashSet.Create(
        StringComparer.Ordinal, "session", "continuation", "cancellation", "page", "paging", "next", "sync", "resume", "change", "end", "start", "syntax", "lexer", "parser", "csrf", "antiforgery", "xsrf");

    /// <summary>
    /// The secret word must be the head of the name (its last words, ignoring a trailing <c>Value</c> or
    /// number): <c>DbPassword</c>, <c>ApiKey2</c>, but not <c>SasTokenExpirationDate</c> or <c>SecretStorage</c>.
    /// </summary>
    private bool EndsWithPattern(List<string> words)
    {
        var end = words.Count;
        while (end > 1 && (words[end - 1] == "value" || char.IsDigit(words[end - 1][0])))
        {
            end--;
        }

        foreach (var pattern in _patterns)
        {
            var joined = string.Empty;
            for (var start = end - 1; start >= 0 && joined.Length < pattern.Length + 1; start--)
            {
                joined = words[start] + joined;
                var matches = joined == pattern || joined == pattern + "s"
                    || (start == end - 1 && pattern.Length >= 6 && joined.EndsWith(pattern, StringComparison.Ordinal));
                if (matches)
                {
                    return !(pattern == "token" && start > 0 && NonSecretTokenQualifiers.Contains(words[start - 1]));
                }
            }
        }

        return false;
    }

    private bool MatchesPattern(List<string> words)
    {
        foreach (var pattern in _patterns)
        {
            for (var start = 0; start < words.Count; start++)
            {
                var joined = string.Empty;
                for (var end = start; end < words.Count && joined.Length < pattern.Length + 1; end++)
                {
                    joined += words[end];
                    if (joined == pattern || joined == pattern + "s"
                        || (pattern.Length >= 6 && words[end].Length >= pattern.Length && words[end].EndsWith(pattern, StringComparison.Ordinal)))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                count++;
            }
        }

        return count;
    }

    private static string Normalize(string pattern)
    {
        var chars = new List<char>(pattern.Length);
        foreach (var c in pattern)
        {
            if (char.IsLetterOrDigit(c))
            {
                chars.Add(char.ToLowerInvariant(c));
            }
        }

        return new string(chars.ToArray());
    }

    /// <summary>Lower-case words of an identifier or key: <c>_dbPassword</c> → db, password; <c>SASToken</c> → sas, token; <c>api-key</c> → api, key.</summary>
    internal static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (current.Length > 0)
            {
                var previous = name[i - 1];
                var boundary = (char.IsUpper(c) && char.IsLower(previous))
                               || (char.IsUpper(c) && char.IsUpper(previous) && i + 1 < name.Length && char.IsLower(name[i + 1]))
                               || (char.IsDigit(c) != char.IsDigit(previous));
                if (boundary)
                {
                    Flush();
                }
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    private static readonly string[] CredentialKeyWords = { "key", "password", "pwd", "secret", "sig", "token", "credential" };

    private static bool IsCredentialKey(string key)
    {
        foreach (var word in CredentialKeyWords)
        {
            if (key.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
