using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// Metadata-name lookups in a compilation's metadata (PE) references, kept across compilations that share them. An
/// editor makes a new compilation on every keystroke but keeps its references, and Roslyn then reuses the same
/// assembly symbols: a lookup over those several hundred assemblies, made once per rule type per compilation, is
/// made once per reference set instead (and shared by the projects of a solution that reference the same packages).
/// Keyed by the corlib assembly symbol and checked against the exact sequence of referenced PE assembly symbols (held
/// weakly), so any change of references resolves afresh. It keeps the candidates only: whether one is accessible
/// (an internal type seen through InternalsVisibleTo) is asked of each compilation. References to other compilations
/// (project references in an editor) are not cached: they change with that project's code.
/// </summary>
internal sealed class ReferencedTypes
{
    private const int EntriesPerCorLib = 8;

    private static readonly ConditionalWeakTable<IAssemblySymbol, List<ReferencedTypes>> ByCorLib = new();

    private readonly WeakReference<IAssemblySymbol>[] _assemblies;
    private readonly ConcurrentDictionary<string, ImmutableArray<INamedTypeSymbol>> _types = new(StringComparer.Ordinal);

    private ReferencedTypes(ImmutableArray<IAssemblySymbol> assemblies)
    {
        _assemblies = new WeakReference<IAssemblySymbol>[assemblies.Length];
        for (var i = 0; i < assemblies.Length; i++)
        {
            _assemblies[i] = new WeakReference<IAssemblySymbol>(assemblies[i]);
        }
    }

    /// <summary>The lookups of <paramref name="compilation"/>'s PE references; <paramref name="others"/> gets its other (compilation) references, looked up per compilation.</summary>
    public static ReferencedTypes For(Compilation compilation, out ImmutableArray<IAssemblySymbol> others)
    {
        var metadata = ImmutableArray.CreateBuilder<IAssemblySymbol>();
        var otherBuilder = ImmutableArray.CreateBuilder<IAssemblySymbol>();
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            (IsMetadata(assembly) ? metadata : otherBuilder).Add(assembly);
        }

        others = otherBuilder.ToImmutable();
        var assemblies = metadata.ToImmutable();
        if (compilation.ObjectType.ContainingAssembly is not { } corLib)
        {
            // No core library to key on (malformed references): nothing shared.
            return new ReferencedTypes(assemblies);
        }

        var entries = ByCorLib.GetValue(corLib, static _ => new List<ReferencedTypes>());
        lock (entries)
        {
            foreach (var entry in entries)
            {
                if (entry.Matches(assemblies))
                {
                    return entry;
                }
            }

            var created = new ReferencedTypes(assemblies);
            if (entries.Count == EntriesPerCorLib)
            {
                entries.RemoveAt(0);
            }

            entries.Add(created);
            return created;
        }
    }

    /// <summary>The types of that name in the PE references (any accessibility).</summary>
    public ImmutableArray<INamedTypeSymbol> Get(string metadataName)
        => _types.TryGetValue(metadataName, out var known) ? known : _types.GetOrAdd(metadataName, Find(metadataName));

    private ImmutableArray<INamedTypeSymbol> Find(string metadataName)
    {
        var found = ImmutableArray<INamedTypeSymbol>.Empty;
        foreach (var reference in _assemblies)
        {
            if (reference.TryGetTarget(out var assembly) && assembly.GetTypeByMetadataName(metadataName) is { } candidate)
            {
                found = found.Add(candidate);
            }
        }

        return found;
    }

    private bool Matches(ImmutableArray<IAssemblySymbol> assemblies)
    {
        if (assemblies.Length != _assemblies.Length)
        {
            return false;
        }

        for (var i = 0; i < assemblies.Length; i++)
        {
            if (!_assemblies[i].TryGetTarget(out var known) || !ReferenceEquals(known, assemblies[i]))
            {
                return false;
            }
        }

        return true;
    }

    // A PE assembly's symbol lives as long as its metadata; a compilation reference's (source or retargeting) does not.
    private static bool IsMetadata(IAssemblySymbol assembly)
    {
        foreach (var location in assembly.Locations)
        {
            if (!location.IsInMetadata)
            {
                return false;
            }
        }

        return true;
    }

}
