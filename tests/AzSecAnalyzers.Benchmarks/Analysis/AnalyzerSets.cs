using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Benchmarks.Analysis;

/// <summary>
/// The analyzer sets compared: ours and the peers a user would otherwise install, each from its NuGet
/// package in the restore folder (restored by <c>dotnet restore</c> of this project; nothing is
/// downloaded at run time).
/// </summary>
internal static class AnalyzerSets
{
    public const string AzSec = "AzSecAnalyzers";
    public const string SecurityCodeScan = "SecurityCodeScan";
    public const string Sonar = "SonarAnalyzer";
    public const string NetAnalyzers = "NetAnalyzers";

    public const string DriverFloor = "DriverFloor";

    /// <summary>
    /// <c>--sets AzSecAnalyzers=PATH</c>: another build of this package (e.g. the one before a change), loaded in its own
    /// load context next to the current one, so both are measured in the same run; a control, never a goal's subject.
    /// </summary>
    public const string AzSecOther = "AzSecAnalyzers-other";

    public static IReadOnlyList<string> Names { get; } = [AzSec, SecurityCodeScan, Sonar, NetAnalyzers, DriverFloor];

    /// <summary>Sets that are products; the driver floor is a control and is not compared against.</summary>
    public static bool IsControl(string name) => name is DriverFloor or AzSecOther;

    public static string NuGetPackageRoot { get; } = Metadata("NuGetPackageRoot");

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static AnalyzerSet Load(string name) => name switch
    {
        _ when name.StartsWith(AzSec + "=", StringComparison.Ordinal) => AnalyzerSet.Load(
            AzSecOther,
            "AzSecAnalyzers, another build: " + name[(AzSec.Length + 1)..],
            "all rules, including disabled-by-default ones",
            [Path.GetFullPath(name[(AzSec.Length + 1)..])],
            static (_, _) => true),

        // Every analyzer the assembly contains, found by reflection (AnalyzerFileReference), every rule on:
        // disabled-by-default rules are measured too, so the number is an upper bound of what users pay.
        AzSec => AnalyzerSet.Load(
            AzSec,
            "AzSecAnalyzers (this repository)",
            "all rules, including disabled-by-default ones",
            [Path.Combine(AppContext.BaseDirectory, "AzSecAnalyzers.dll")],
            static (_, _) => true),

        SecurityCodeScan => AnalyzerSet.Load(
            SecurityCodeScan,
            "SecurityCodeScan.VS2019 5.6.7",
            "all rules (every SCS rule is a security rule)",
            [Package("securitycodescan.vs2019", "5.6.7", "analyzers/dotnet/SecurityCodeScan.VS2019.dll")],
            static (_, _) => true),

        Sonar => AnalyzerSet.Load(
            Sonar,
            "SonarAnalyzer.CSharp 9.32.0.97167",
            "rules of type Vulnerability or Security Hotspot in the package's own rule catalog (the descriptors' custom tags do not carry the type)",
            [
                Package("sonaranalyzer.csharp", "9.32.0.97167", "analyzers/SonarAnalyzer.CSharp.dll"),
            ],
            IsSonarSecurityRule,
            SonarLintConfiguration),

        NetAnalyzers => AnalyzerSet.Load(
            NetAnalyzers,
            "Microsoft.CodeAnalysis.NetAnalyzers 11.0.100",
            "the Security category (CA2xxx/CA3xxx/CA5xxx), all enabled",
            [
                Package("microsoft.codeanalysis.netanalyzers", "11.0.100", "analyzers/dotnet/cs/Microsoft.CodeAnalysis.NetAnalyzers.dll"),
                Package("microsoft.codeanalysis.netanalyzers", "11.0.100", "analyzers/dotnet/cs/Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll"),
            ],
            static (_, descriptor) => string.Equals(descriptor.Category, "Security", StringComparison.Ordinal)),

        DriverFloor => AnalyzerSet.FromAnalyzers(
            DriverFloor,
            "control: one do-nothing analyzer shaped like an AzSecAnalyzers rule",
            "none (it never reports)",
            [new DriverFloorAnalyzer()]),

        _ => throw new ArgumentException($"Unknown analyzer set '{name}'. Known: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// Sonar's descriptors carry no rule type in their custom tags (only scope and quality-profile tags), so
    /// the type comes from the rule catalog compiled into the package: a <c>RuleCatalog</c> class whose
    /// static dictionary maps each rule id to a descriptor with its type ("VULNERABILITY",
    /// "SECURITY_HOTSPOT", "BUG", "CODE_SMELL"). Found by reflection; when it is absent, every rule is kept.
    /// </summary>
    internal static bool IsSonarSecurityRule(DiagnosticAnalyzer analyzer, DiagnosticDescriptor descriptor)
    {
        var catalog = SonarCatalogs.GetOrAdd(analyzer.GetType().Assembly, ReadSonarCatalog);
        return catalog is null || catalog.Contains(descriptor.Id);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Assembly, HashSet<string>?> SonarCatalogs = new();

    private static HashSet<string>? ReadSonarCatalog(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            // Its code fixes need Workspaces, which a compiler host does not have; the catalog does not.
            types = ex.Types;
        }

        var catalogType = types.FirstOrDefault(type => type?.Name == "RuleCatalog");
        const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        var dictionary = catalogType?.GetProperties(Static).Select(p => p.GetValue(null))
            .Concat(catalogType.GetFields(Static).Select(f => f.GetValue(null)))
            .OfType<System.Collections.IDictionary>()
            .FirstOrDefault();
        if (dictionary is null)
        {
            return null;
        }

        var security = new HashSet<string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in dictionary)
        {
            var value = entry.Value;
            var texts = value?.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public)
                .Where(p => p.GetIndexParameters().Length == 0)
                .Select(p => p.GetValue(value)?.ToString())
                .ToList() ?? [];
            if (texts.Any(t => t is "VULNERABILITY" or "SECURITY_HOTSPOT" or "Vulnerability" or "SecurityHotspot"))
            {
                security.Add(entry.Key.ToString()!);
            }
        }

        return security.Count == 0 ? null : security;
    }

    /// <summary>
    /// SonarAnalyzer runs its security-hotspot rules only when the rule is listed as active in a
    /// SonarLint.xml additional file, which the SonarScanner / SonarLint normally write. This one lists
    /// the selected rules.
    /// </summary>
    private static ImmutableArray<AdditionalText> SonarLintConfiguration(IReadOnlyCollection<string> ruleIds)
    {
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AnalysisInput>\n  <Settings />\n  <Rules>\n");
        foreach (var id in ruleIds.Order(StringComparer.Ordinal))
        {
            xml.Append("    <Rule>\n      <Key>").Append(id).Append("</Key>\n    </Rule>\n");
        }

        xml.Append("  </Rules>\n  <Files />\n</AnalysisInput>\n");
        return [new InMemoryAdditionalText(Path.Combine(Path.GetTempPath(), "azsec-benchmark", "SonarLint.xml"), xml.ToString())];
    }

    private static string Package(string id, string version, string relativePath)
        => Path.GetFullPath(Path.Combine(NuGetPackageRoot, id, version, relativePath));

    private static string Metadata(string key)
        => typeof(AnalyzerSets).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
