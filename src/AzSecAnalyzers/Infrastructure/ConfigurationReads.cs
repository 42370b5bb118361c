namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// Recognises a value read from <c>IConfiguration</c> with a constant key
/// (<c>config["Storage:ConnectionString"]</c>, <c>config.GetConnectionString("Storage")</c>,
/// <c>config.GetValue&lt;string&gt;("Storage:ConnectionString")</c>, <c>config.GetSection("Storage")["ConnectionString"]</c>)
/// and names the sibling key a token-based setup reads its endpoint from.
/// </summary>
internal sealed class ConfigurationReads
{
    private readonly INamedTypeSymbol _configuration;

    private ConfigurationReads(INamedTypeSymbol configuration) => _configuration = configuration;

    public static ConfigurationReads? Create(AzSecContext types)
        => types.Get(WellKnownTypeNames.IConfiguration) is { } configuration ? new ConfigurationReads(configuration) : null;

    /// <summary>
    /// True when <paramref name="value"/> reads configuration with a constant key; <paramref name="key"/> is
    /// the full key (<c>GetConnectionString("X")</c> reads <c>ConnectionStrings:X</c>) and
    /// <paramref name="receiver"/> the configuration instance read.
    /// </summary>
    public bool TryGetRead(IOperation value, out string key, out IOperation? receiver)
    {
        key = string.Empty;
        receiver = null;
        value = value.WalkDownConversionsAndDelegates();
        switch (value)
        {
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                when IsConfiguration(indexer.Instance?.Type) && indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string indexKey }:
                receiver = Root(indexer.Instance, out var prefix);
                key = prefix + indexKey;
                return true;

            case IInvocationOperation invocation when invocation.Arguments.Length >= 2
                && invocation.TargetMethod.IsExtensionMethod
                && IsConfiguration(invocation.Arguments[0].Value.WalkDownConversionsAndDelegates().Type)
                && invocation.Arguments[1].Value.ConstantValue is { HasValue: true, Value: string argumentKey }:
                var instance = Root(invocation.Arguments[0].Value.WalkDownConversionsAndDelegates(), out var sectionPrefix);
                switch (invocation.TargetMethod.Name)
                {
                    case "GetConnectionString":
                        receiver = instance;
                        key = sectionPrefix + "ConnectionStrings:" + argumentKey;
                        return true;
                    case "GetValue" when invocation.TargetMethod.ReturnType.SpecialType == SpecialType.System_String:
                        receiver = instance;
                        key = sectionPrefix + argumentKey;
                        return true;
                }

                return false;

            default:
                return false;
        }
    }

    /// <summary>
    /// True when <paramref name="value"/> is <c>config.GetSection("Db:Password").Value</c> (sections of sections
    /// included) with constant keys; <paramref name="key"/> is the full key (<c>Db:Password</c>).
    /// </summary>
    public bool TryGetSectionValue(IPropertyReferenceOperation value, out string key)
    {
        key = string.Empty;
        if (value.Property.Name != "Value" || value.Property.IsIndexer || value.Instance is not { } instance
            || !IsConfiguration(value.Property.ContainingType)
            || instance.WalkDownConversionsAndDelegates() is not IInvocationOperation { TargetMethod.Name: "GetSection" })
        {
            return false;
        }

        Root(instance, out var prefix);
        if (prefix.Length < 2)
        {
            return false;
        }

        key = prefix.Substring(0, prefix.Length - 1);
        return true;
    }

    /// <summary>
    /// The sibling key for <paramref name="leaf"/> (<c>ServiceUri</c>, <c>FullyQualifiedNamespace</c>, …):
    /// <c>Storage:ConnectionString</c> → <c>Storage:ServiceUri</c>; <c>ConnectionStrings:Storage</c> →
    /// <c>Storage:ServiceUri</c>; <c>StorageConnectionString</c> → <c>StorageServiceUri</c>. Null when the key has no such shape.
    /// </summary>
    public static string? SiblingKey(string key, string leaf)
    {
        const string ConnectionString = "ConnectionString";
        const string ConnectionStrings = "ConnectionStrings:";
        if (key.StartsWith(ConnectionStrings, StringComparison.OrdinalIgnoreCase) && key.Length > ConnectionStrings.Length)
        {
            return key.Substring(ConnectionStrings.Length) + ":" + leaf;
        }

        var separator = key.LastIndexOf(':');
        var last = key.Substring(separator + 1);
        if (last.Length > ConnectionString.Length && last.EndsWith(ConnectionString, StringComparison.OrdinalIgnoreCase))
        {
            return key.Substring(0, key.Length - ConnectionString.Length) + leaf;
        }

        if (last.Equals(ConnectionString, StringComparison.OrdinalIgnoreCase) && separator > 0)
        {
            return key.Substring(0, separator + 1) + leaf;
        }

        return null;
    }

    private bool IsConfiguration(ITypeSymbol? type) => TypeIdentity.IsOrInherits(type, _configuration);

    // config.GetSection("Storage")["ConnectionString"] reads "Storage:ConnectionString" of config.
    private IOperation? Root(IOperation? instance, out string prefix)
    {
        prefix = string.Empty;
        var current = instance?.WalkDownConversionsAndDelegates();
        while (current is IInvocationOperation { TargetMethod.Name: "GetSection", Arguments.Length: 1, Instance: { } parent } section
               && section.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string sectionKey }
               && IsConfiguration(parent.Type))
        {
            prefix = sectionKey + ":" + prefix;
            current = parent.WalkDownConversionsAndDelegates();
        }

        return current;
    }
}
