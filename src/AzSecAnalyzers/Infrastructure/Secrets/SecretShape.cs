namespace AzSecAnalyzers.Infrastructure.Secrets;

/// <summary>How a <see cref="SecretShape"/> is found in text.</summary>
internal enum SecretRecognizer
{
    /// <summary>The value of one of <see cref="SecretShape.Keys"/> in a <c>key=value;…</c> connection string that also holds one of <see cref="SecretShape.ContextKeys"/>.</summary>
    ConnectionStringValue,

    /// <summary>The <c>password=</c> option of a StackExchange.Redis configuration string (<c>host:6380,password=…,ssl=True</c>).</summary>
    RedisPassword,

    /// <summary>A shared access signature: a query string whose <c>sig=</c> comes with <c>sv=</c>, <c>se=</c> or <c>sp=</c>.</summary>
    SasToken,

    /// <summary>A Microsoft Entra client secret (<c>xxx8Q~…</c>).</summary>
    EntraClientSecret,

    /// <summary>A PEM private key block with a body.</summary>
    PemPrivateKey,

    /// <summary>A Microsoft identifiable key: a fixed signature before a Marvin32 checksum (see <see cref="IdentifiableKeys"/>).</summary>
    IdentifiableKey,

    /// <summary>A bare base64 key of <see cref="SecretShape.KeyBytes"/> bytes, only where the caller says a key is expected.</summary>
    BareKey,
}

/// <summary>How the value found for a connection-string shape must look to count.</summary>
internal enum SecretValueCheck
{
    /// <summary>Any non-empty value that is not a placeholder or built from runtime values (passwords).</summary>
    AnyValue,

    /// <summary>A base64 key: base64 characters only, at least 20 of them, and not all alike.</summary>
    Base64Key,

    /// <summary>A SAS signature string carrying <c>sig=</c>.</summary>
    SasSignature,
}

/// <summary>One kind of credential the scanner recognises: a row of <see cref="SecretShapes.All"/>.</summary>
internal sealed class SecretShape
{
    public SecretShape(
        string id,
        string displayName,
        SecretRecognizer recognizer,
        ImmutableArray<string> keys = default,
        ImmutableArray<string> contextKeys = default,
        ImmutableArray<string> excludedContextKeys = default,
        SecretValueCheck valueCheck = SecretValueCheck.AnyValue,
        int keyBytes = 0)
    {
        Id = id;
        DisplayName = displayName;
        Recognizer = recognizer;
        Keys = keys.IsDefault ? ImmutableArray<string>.Empty : keys;
        ContextKeys = contextKeys.IsDefault ? ImmutableArray<string>.Empty : contextKeys;
        ExcludedContextKeys = excludedContextKeys.IsDefault ? ImmutableArray<string>.Empty : excludedContextKeys;
        ValueCheck = valueCheck;
        KeyBytes = keyBytes;
    }

    /// <summary>Stable identifier, used in diagnostic properties (e.g. <c>StorageAccountKey</c>).</summary>
    public string Id { get; }

    /// <summary>What it is, as messages say it (e.g. <c>Azure Storage account key</c>).</summary>
    public string DisplayName { get; }

    public SecretRecognizer Recognizer { get; }

    /// <summary>Connection-string keys whose value is the secret.</summary>
    public ImmutableArray<string> Keys { get; }

    /// <summary>At least one of these keys must be present too (empty: none needed).</summary>
    public ImmutableArray<string> ContextKeys { get; }

    /// <summary>None of these keys may be present (tells a Cosmos DB <c>AccountKey</c> from a storage one).</summary>
    public ImmutableArray<string> ExcludedContextKeys { get; }

    public SecretValueCheck ValueCheck { get; }

    /// <summary>For <see cref="SecretRecognizer.BareKey"/>: the decoded key length.</summary>
    public int KeyBytes { get; }

    public override string ToString() => Id;
}

/// <summary>
/// The table of credential kinds. Order matters: the first shape that claims a span wins, so
/// specific shapes (identifiable keys, Cosmos DB) come before general ones.
/// </summary>
internal static class SecretShapes
{
    private static readonly ImmutableArray<string> StorageContext = ImmutableArray.Create(
        "AccountName", "DefaultEndpointsProtocol", "EndpointSuffix", "BlobEndpoint", "QueueEndpoint", "TableEndpoint", "FileEndpoint");

    private static readonly ImmutableArray<string> SqlContext = ImmutableArray.Create(
        "Server", "Data Source", "Initial Catalog", "Database", "User ID", "UserID", "UID", "User", "Username", "User Name", "Host",
        "Address", "Addr", "Network Address", "Port", "Persist Security Info", "Integrated Security", "Encrypt");

    public static readonly SecretShape CosmosAccountKey = new(
        "CosmosAccountKey", "Azure Cosmos DB account key", SecretRecognizer.ConnectionStringValue,
        keys: ImmutableArray.Create("AccountKey"), contextKeys: ImmutableArray.Create("AccountEndpoint"), valueCheck: SecretValueCheck.Base64Key);

    public static readonly SecretShape StorageAccountKey = new(
        "StorageAccountKey", "Azure Storage account key", SecretRecognizer.ConnectionStringValue,
        keys: ImmutableArray.Create("AccountKey"), excludedContextKeys: ImmutableArray.Create("AccountEndpoint"), valueCheck: SecretValueCheck.Base64Key);

    public static readonly SecretShape SharedAccessKey = new(
        "SharedAccessKey", "Service Bus / Event Hubs / Relay shared access key", SecretRecognizer.ConnectionStringValue,
        keys: ImmutableArray.Create("SharedAccessKey"), valueCheck: SecretValueCheck.Base64Key);

    public static readonly SecretShape ConnectionStringSas = new(
        "SharedAccessSignature", "shared access signature", SecretRecognizer.ConnectionStringValue,
        keys: ImmutableArray.Create("SharedAccessSignature"), valueCheck: SecretValueCheck.SasSignature);

    public static readonly SecretShape AppConfigurationSecret = new(
        "AppConfigurationSecret", "Azure App Configuration access key", SecretRecognizer.ConnectionStringValue,
        keys: ImmutableArray.Create("Secret"), contextKeys: ImmutableArray.Create("Id"), valueCheck: SecretValueCheck.Base64Key);

    public static readonly SecretShape ConnectionStringPassword = new(
        "ConnectionStringPassword", "database password", SecretRecognizer.ConnectionStringValue,
        keys: ImmutableArray.Create("Password", "Pwd"), contextKeys: SqlContext);

    public static readonly SecretShape RedisPassword = new("RedisPassword", "Azure Cache for Redis password", SecretRecognizer.RedisPassword);

    public static readonly SecretShape SasToken = new("SasToken", "shared access signature (SAS) token", SecretRecognizer.SasToken);

    public static readonly SecretShape EntraClientSecret = new("EntraClientSecret", "Microsoft Entra client secret", SecretRecognizer.EntraClientSecret);

    public static readonly SecretShape PemPrivateKey = new("PemPrivateKey", "PEM private key", SecretRecognizer.PemPrivateKey);

    /// <summary>Stands for every row of <see cref="IdentifiableKeys.All"/>; a match names the precise format.</summary>
    public static readonly SecretShape IdentifiableKey = new("IdentifiableKey", "Microsoft identifiable key", SecretRecognizer.IdentifiableKey);

    public static readonly SecretShape BareAccountKey = new("AccountKey", "Azure account key (64-byte, base64)", SecretRecognizer.BareKey, keyBytes: 64);

    public static readonly SecretShape BareSharedKey = new("SharedKey", "Azure shared access key (32-byte, base64)", SecretRecognizer.BareKey, keyBytes: 32);

    public static readonly ImmutableArray<SecretShape> All = ImmutableArray.Create(
        IdentifiableKey,
        PemPrivateKey,
        CosmosAccountKey,
        StorageAccountKey,
        SharedAccessKey,
        ConnectionStringSas,
        AppConfigurationSecret,
        ConnectionStringPassword,
        RedisPassword,
        SasToken,
        EntraClientSecret,
        BareAccountKey,
        BareSharedKey);
}
