using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// Per-compilation cache of well-known types, shared by every analyzer of the package: a type is
/// looked up by metadata name at most once per compilation, whichever rule asks first.
/// Rules read it in their compilation-start action and keep the symbols they need; node and
/// operation callbacks never look a type up by name (BannedSymbols.txt enforces it).
/// </summary>
internal sealed class KnownTypes
{
    private static readonly ConditionalWeakTable<Compilation, KnownTypes> Cache = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _types = new(StringComparer.Ordinal);

    private KnownTypes(Compilation compilation) => _compilation = compilation;

    public Compilation Compilation => _compilation;

    public static KnownTypes For(Compilation compilation) => Cache.GetValue(compilation, static c => new KnownTypes(c));

    /// <summary>The type with this metadata name, or null when the compilation cannot see exactly one.</summary>
    public INamedTypeSymbol? Get(string metadataName) => _types.GetOrAdd(metadataName, Resolve);

    private INamedTypeSymbol? Resolve(string metadataName)
    {
        // One pass over the references (GetTypeByMetadataName followed by a fallback would scan twice
        // for the many types an app does not reference). Like GetTypeByMetadataName, a type declared in
        // the compilation itself wins; otherwise the one accessible candidate, if there is exactly one
        // (two references defining it, a package and a polyfill say, leave it unresolved).
        INamedTypeSymbol? accessible = null;
        var ambiguous = false;
#pragma warning disable RS0030 // The one sanctioned place for metadata-name lookups.
        foreach (var candidate in _compilation.GetTypesByMetadataName(metadataName))
#pragma warning restore RS0030
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, _compilation.Assembly))
            {
                return candidate;
            }

            if (!_compilation.IsSymbolAccessibleWithin(candidate, _compilation.Assembly))
            {
                continue;
            }

            ambiguous |= accessible is not null;
            accessible = candidate;
        }

        return ambiguous ? null : accessible;
    }
}
