using System.Collections.Immutable;
using System.Reflection;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace AzSecAnalyzers.Tests.Verifiers;

/// <summary>
/// The metadata references test compilations see: the real assemblies this test project was
/// restored with (the .NET and ASP.NET Core shared frameworks, the Azure SDK, Cosmos, SqlClient,
/// EF Core, MSAL, ...), taken from the running process's trusted platform assemblies. Nothing is
/// downloaded while tests run, and no type is a hand-written stub.
/// </summary>
internal static class TestReferences
{
    /// <summary>No reference-assembly package: the harness must not download one.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    /// <summary>The .NET base library only: for checking that rules stay quiet (and cheap) without Azure or ASP.NET Core.</summary>
    public static ImmutableArray<MetadataReference> NetCoreOnly => LazyNetCoreOnly.Value;

    /// <summary>Everything an Azure-hosted ASP.NET Core app would reference.</summary>
    public static ImmutableArray<MetadataReference> All => LazyAll.Value;

    /// <summary>
    /// <see cref="All"/> without the language-model packages (Azure.AI.OpenAI, OpenAI, Semantic Kernel,
    /// Microsoft.Extensions.AI and what only they bring): an Azure app that uses no model, for pay-for-play checks.
    /// </summary>
    public static ImmutableArray<MetadataReference> WithoutAi => LazyWithoutAi.Value;

    /// <summary>
    /// <see cref="All"/> plus the retired Azure SDKs AZSEC205 reports (WindowsAzure.Storage, Microsoft.Azure.Storage.*,
    /// Microsoft.Azure.Cosmos.Table, Microsoft.Azure.KeyVault, ADAL and what their client types' signatures need): the
    /// PackageVersion items marked RetiredSdk in Directory.Packages.props, which this project downloads without
    /// referencing them (so no other test sees them), read from the restored packages folder.
    /// </summary>
    public static ImmutableArray<MetadataReference> WithRetiredSdks => LazyWithRetiredSdks.Value;

    /// <summary>
    /// An Azure Functions isolated-worker app without ASP.NET Core (<c>HttpRequestData</c>, no integration package): the .NET
    /// base library, the worker with its HTTP extension, and the Azure.Core / Microsoft.Extensions assemblies they build on.
    /// </summary>
    public static ImmutableArray<MetadataReference> FunctionsWorker => LazyFunctionsWorker.Value;

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string NuGetPackageRoot { get; } = Metadata("NuGetPackageRoot");

    // Test infrastructure in the process that no application would reference.
    private static readonly string[] ExcludedPrefixes =
    {
        "AzSecAnalyzers", "xunit", "Microsoft.CodeAnalysis", "Microsoft.VisualStudio", "Microsoft.TestPlatform",
        "testhost", "NuGet.", "DiffPlex", "Microsoft.DiaSymReader", "Microsoft.CodeCoverage", "System.Composition",
        "Humanizer", "MessagePack", "Nerdbank", "Microsoft.ServiceHub",
    };

    // The language-model packages and their own dependencies (System.ClientModel stays: Azure.Core uses it too).
    private static readonly string[] AiPrefixes =
    {
        "Azure.AI.OpenAI", "OpenAI", "Microsoft.SemanticKernel", "Microsoft.Extensions.AI", "Microsoft.Extensions.VectorData",
    };

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyAll = new(() => Load(static _ => true));

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyWithoutAi = new(() =>
        Load(static path => !AiPrefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.OrdinalIgnoreCase))));

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyNetCoreOnly = new(() =>
    {
        var coreDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Load(path => string.Equals(Path.GetDirectoryName(path), coreDirectory, StringComparison.Ordinal));
    });

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyWithRetiredSdks = new(() => All.AddRange(RetiredSdkAssemblies()));

    private static IEnumerable<MetadataReference> RetiredSdkAssemblies()
    {
        var packages = XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Packages.props")).Descendants("PackageVersion")
            .Where(e => (string?)e.Attribute("RetiredSdk") == "true")
            .Select(e => (Id: (string)e.Attribute("Include")!, Version: (string)e.Attribute("Version")!))
            .ToList();
        if (packages.Count == 0)
        {
            throw new InvalidOperationException("Directory.Packages.props marks no PackageVersion RetiredSdk=\"true\"");
        }

        foreach (var (id, version) in packages)
        {
            // The netstandard build a .NET app would compile against: 2.0 where the package has it, else its newest 1.x.
            var lib = Path.Combine(NuGetPackageRoot, id.ToLowerInvariant(), version, "lib");
            var folder = Directory.Exists(lib)
                ? Directory.GetDirectories(lib, "netstandard*").OrderByDescending(path => Path.GetFileName(path), StringComparer.Ordinal).FirstOrDefault()
                : null;
            if (folder is null)
            {
                throw new InvalidOperationException($"{id} {version} is not restored under {lib} (run dotnet restore)");
            }

            foreach (var dll in Directory.GetFiles(folder, "*.dll").OrderBy(path => path, StringComparer.Ordinal))
            {
                yield return MetadataReference.CreateFromFile(dll);
            }
        }
    }

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyFunctionsWorker = new(() =>
    {
        var coreDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Load(path =>
        {
            var name = Path.GetFileName(path);
            return string.Equals(Path.GetDirectoryName(path), coreDirectory, StringComparison.Ordinal)
                || (name.StartsWith("Microsoft.Azure.Functions.Worker", StringComparison.OrdinalIgnoreCase) && !name.Contains("AspNetCore", StringComparison.OrdinalIgnoreCase))
                || name.StartsWith("Microsoft.Extensions.", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Azure.Core", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("System.ClientModel", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("System.Memory.Data", StringComparison.OrdinalIgnoreCase);
        });
    });

    private static ImmutableArray<MetadataReference> Load(Func<string, bool> include)
    {
        var trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Where(path => !ExcludedPrefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Where(include)
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private static string Metadata(string key)
        => typeof(TestReferences).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
