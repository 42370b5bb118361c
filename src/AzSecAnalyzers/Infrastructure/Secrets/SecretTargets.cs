using System.Text;

namespace AzSecAnalyzers.Infrastructure.Secrets;

/// <summary>What the secret rules tell the Key Vault code fix, through <see cref="Diagnostic.Properties"/>.</summary>
public static class SecretProperties
{
    /// <summary>A valid Key Vault secret name derived from the symbol or parameter that holds the value.</summary>
    public const string SecretName = "SecretName";

    /// <summary>The <c>SecretMatch.KindId</c> of a shape-matched secret (AZSEC101).</summary>
    public const string KindId = "KindId";
}

/// <summary>Helpers the secret rules share: the name a value is stored under, Key Vault names, test projects.</summary>
internal static class SecretTargets
{
    /// <summary>
    /// The name of what <paramref name="value"/> is stored in or passed as: a variable, field, property,
    /// parameter (default value or argument), a constant indexer key (<c>["Password"] = …</c>), or the
    /// property or method returning it. Null when the value is used some other way.
    /// </summary>
    public static string? TargetName(IOperation value, ISymbol? containingSymbol)
    {
        var child = value.WalkUpConversions();
        var parent = child.Parent;

        switch (parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return declarator.Symbol.Name;
            case IFieldInitializerOperation { InitializedFields.Length: > 0 } field:
                return field.InitializedFields[0].Name;
            case IPropertyInitializerOperation { InitializedProperties.Length: > 0 } property:
                return property.InitializedProperties[0].Name;
            case IParameterInitializerOperation parameter:
                return parameter.Parameter.Name;
            case ISimpleAssignmentOperation assignment when assignment.Value == child:
                return AssignedName(assignment.Target);
            case IArgumentOperation argument:
                return argument.Parameter?.Name;
            case IReturnOperation when containingSymbol is IMethodSymbol method:
                return method.AssociatedSymbol?.Name ?? method.Name;
            default:
                return null;
        }
    }

    private static string? AssignedName(IOperation target) => target switch
    {
        ILocalReferenceOperation local => local.Local.Name,
        IFieldReferenceOperation field => field.Field.Name,
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        IPropertyReferenceOperation { Arguments.Length: 1 } indexer
            when indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key } => LastConfigurationSegment(key),
        IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Property.Name,
        _ => null,
    };

    /// <summary><c>"Storage:AccountKey"</c> → <c>"AccountKey"</c>.</summary>
    private static string LastConfigurationSegment(string key)
    {
        var colon = key.LastIndexOf(':');
        return colon >= 0 && colon < key.Length - 1 ? key.Substring(colon + 1) : key;
    }

    /// <summary>
    /// A Key Vault secret name (1–127 characters of <c>[0-9a-zA-Z-]</c>) from a symbol name:
    /// <c>_storageAccountKey</c> → <c>StorageAccountKey</c>, <c>DB_PASSWORD</c> → <c>DB-PASSWORD</c>.
    /// </summary>
    public static string KeyVaultSecretName(string? symbolName, string fallback)
    {
        var source = string.IsNullOrWhiteSpace(symbolName) ? fallback : symbolName!;
        if (source.StartsWith("m_", StringComparison.Ordinal) || source.StartsWith("s_", StringComparison.Ordinal))
        {
            source = source.Substring(2);
        }

        var builder = new StringBuilder(source.Length);
        foreach (var c in source)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9'))
            {
                builder.Append(builder.Length == 0 ? char.ToUpperInvariant(c) : c);
            }
            else if (builder.Length > 0 && builder[builder.Length - 1] != '-')
            {
                builder.Append('-');
            }
        }

        while (builder.Length > 0 && builder[builder.Length - 1] == '-')
        {
            builder.Length--;
        }

        if (builder.Length == 0)
        {
            return fallback == source ? "Secret" : KeyVaultSecretName(fallback, "Secret");
        }

        return builder.Length > 127 ? builder.ToString(0, 127).TrimEnd('-') : builder.ToString();
    }

    public static ImmutableDictionary<string, string?> Properties(string secretName, string? kindId = null)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        builder[SecretProperties.SecretName] = secretName;
        if (kindId is not null)
        {
            builder[SecretProperties.KindId] = kindId;
        }

        return builder.ToImmutable();
    }
}

/// <summary>How the shape scanner is asked about a value, given what it is stored in.</summary>
internal static class SecretShapeOptions
{
    /// <summary>A value stored in something named like a key (<c>accountKey</c>, <c>StorageKey</c>) may be a bare base64 key.</summary>
    public static Infrastructure.Secrets.SecretScanOptions For(string? targetName)
        => targetName is not null && targetName.IndexOf("key", StringComparison.OrdinalIgnoreCase) >= 0
            ? Infrastructure.Secrets.SecretScanOptions.KeyExpected
            : Infrastructure.Secrets.SecretScanOptions.None;

    /// <summary>True when AZSEC101 reports this literal text stored under <paramref name="targetName"/>.</summary>
    public static bool HasShape(string text, string? targetName)
        => Infrastructure.Secrets.SecretScanner.FindAll(text, For(targetName)).Count > 0;
}
