using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace AzSecAnalyzers.Benchmarks.Analysis;

/// <summary>
/// Loads one analyzer package's assemblies the way the compiler server does: into their own load
/// context, with their private dependencies (YamlDotNet, Google.Protobuf, ...) resolved from the package
/// folder, and the compiler and framework assemblies shared with the host.
/// </summary>
internal sealed class IsolatedAnalyzerLoader : IAnalyzerAssemblyLoader
{
    private static readonly HashSet<string> HostAssemblies = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(Path.GetFileNameWithoutExtension)
        .OfType<string>()
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private readonly ConcurrentDictionary<string, string> _locations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Context _context;

    public IsolatedAnalyzerLoader(string name) => _context = new Context(name, this);

    public void AddDependencyLocation(string fullPath)
        => _locations.TryAdd(Path.GetFileNameWithoutExtension(fullPath), fullPath);

    public Assembly LoadFromPath(string fullPath)
    {
        AddDependencyLocation(fullPath);
        var name = AssemblyName.GetAssemblyName(fullPath);
        return _context.LoadFromAssemblyName(name);
    }

    private sealed class Context(string name, IsolatedAnalyzerLoader loader) : AssemblyLoadContext(name)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var simpleName = assemblyName.Name ?? string.Empty;

            // The compiler, the framework and anything else the host has: shared, as in csc.
            if (HostAssemblies.Contains(simpleName) && !loader._locations.ContainsKey(simpleName))
            {
                return null;
            }

            if (loader._locations.TryGetValue(simpleName, out var path))
            {
                return LoadFromAssemblyPath(path);
            }

            // A private dependency next to an analyzer assembly that nobody registered.
            foreach (var directory in loader._locations.Values.Select(Path.GetDirectoryName).Distinct())
            {
                var candidate = Path.Combine(directory!, simpleName + ".dll");
                if (File.Exists(candidate))
                {
                    return LoadFromAssemblyPath(candidate);
                }
            }

            return null;
        }
    }
}
