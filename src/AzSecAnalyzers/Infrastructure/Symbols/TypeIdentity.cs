namespace AzSecAnalyzers.Infrastructure.Symbols;

/// <summary>
/// "Is this type X, or derived from / implementing X", by symbol (never by display string). Types are
/// compared by their original definition, so <c>List&lt;int&gt;</c> is <c>List&lt;T&gt;</c>.
/// </summary>
internal static class TypeIdentity
{
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
        => expected is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);

    /// <summary>True when <paramref name="type"/> is <paramref name="expected"/>, derives from it or implements it.</summary>
    public static bool IsOrInherits(ITypeSymbol? type, INamedTypeSymbol? expected)
    {
        if (expected is null || type is null)
        {
            return false;
        }

        if (expected.TypeKind == TypeKind.Interface)
        {
            if (Is(type, expected))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (Is(implemented, expected))
                {
                    return true;
                }
            }

            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Is(current, expected))
            {
                return true;
            }
        }

        return false;
    }
}
