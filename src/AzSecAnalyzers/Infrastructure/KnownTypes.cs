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
#pragma warning disable RS0030 // The one sanctioned place for metadata-name lookups.
        var type = _compilation.GetTypeByMetadataName(metadataName);
#pragma warning restore RS0030
        if (type is not null)
        {
            return type;
        }

        // GetTypeByMetadataName answers null when two references define the type (a package and a
        // polyfill, say). Take the one our code can actually bind to, if that is unambiguous.
        INamedTypeSymbol? accessible = null;
        foreach (var candidate in _compilation.GetTypesByMetadataName(metadataName))
        {
            if (!_compilation.IsSymbolAccessibleWithin(candidate, _compilation.Assembly))
            {
                continue;
            }

            if (accessible is not null)
            {
                return null;
            }

            accessible = candidate;
        }

        return accessible;
    }
}
