namespace AzSecAnalyzers.Infrastructure.Symbols;

/// <summary>
/// The value types whose text is fixed by the type, in three nested tiers, so each question answers
/// from one list: a number or bool prints as a bare token; a query-safe value cannot carry query
/// syntax (a quote); a scalar cannot carry attacker text at all.
/// </summary>
internal static class ScalarTypes
{
    /// <summary>bool and the built-in numbers (not nullable: null prints as nothing).</summary>
    public static bool IsNumberOrBool(ITypeSymbol? type)
    {
        switch (type?.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Numbers, bool, enums, <c>DateTime</c>, <c>DateTimeOffset</c>, <c>TimeSpan</c>, <c>Guid</c> and their
    /// nullables: safe to format into query text. Not <c>char</c>, which can be a quote.
    /// </summary>
    public static bool IsQuerySafe(ITypeSymbol? type)
    {
        type = WithoutNullable(type);
        return type is not null
               && (type.TypeKind == TypeKind.Enum
                   || IsNumberOrBool(type)
                   || type.SpecialType == SpecialType.System_DateTime
                   || (IsSystemStruct(type) && type.Name is "Guid" or "DateTimeOffset" or "TimeSpan"));
    }

    /// <summary>
    /// <see cref="IsQuerySafe"/> plus <c>char</c>, <c>System.Enum</c>, <c>DateOnly</c>, <c>TimeOnly</c>,
    /// <c>Int128</c>, <c>UInt128</c>, <c>Half</c>: values that cannot carry text (the taint engine's shape).
    /// </summary>
    public static bool IsScalar(ITypeSymbol? type)
    {
        if (IsQuerySafe(type))
        {
            return true;
        }

        type = WithoutNullable(type);
        return type is not null
               && (type.SpecialType is SpecialType.System_Char or SpecialType.System_Enum
                   || (IsSystemStruct(type) && type.Name is "DateOnly" or "TimeOnly" or "Int128" or "UInt128" or "Half"));
    }

    private static ITypeSymbol? WithoutNullable(ITypeSymbol? type)
        => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable
            ? nullable.TypeArguments[0]
            : type;

    private static bool IsSystemStruct(ITypeSymbol type)
        => type.TypeKind == TypeKind.Struct && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };
}
