using System.Composition;
using System.Reflection;
using System.Text.RegularExpressions;
using AzSecAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AzSecAnalyzers.Tests.Meta;

/// <summary>
/// Keeps the catalog honest: every descriptor matches the specification and has its page, its
/// release-file line, its README row and a help link; every analyzer and fix is wired the way
/// hosts expect.
/// </summary>
public partial class CatalogTests
{
    private static readonly IReadOnlyDictionary<string, SpecRule> Spec = SpecCatalog.Load(SpecCatalog.CommittedPath);

    public static TheoryData<string> DescriptorIds()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in PackageCatalog.Descriptors)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    public static TheoryData<string> AnalyzerTypeNames() => Names(PackageCatalog.AnalyzerTypes);

    public static TheoryData<string> CodeFixTypeNames() => Names(PackageCatalog.CodeFixTypes);

    [Fact]
    public void Catalog_FindsDescriptorsAnalyzersAndFixes()
    {
        // Guards the theories below against passing vacuously on an empty reflection result.
        Assert.NotEmpty(PackageCatalog.Descriptors);
        Assert.NotEmpty(PackageCatalog.AnalyzerTypes);
        Assert.NotEmpty(PackageCatalog.CodeFixTypes);
        Assert.True(Spec.Count >= 29, $"The spec catalog parsed only {Spec.Count} rules");
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_MatchesTheSpecification(string id)
    {
        var descriptor = Descriptor(id);
        Assert.True(Spec.TryGetValue(id, out var rule), $"{id} is not in docs/SPEC.md");
        Assert.Equal(rule!.Title, descriptor.Title.ToString());
        Assert.Equal(rule.Category, descriptor.Category);
        Assert.Equal(rule.Severity, descriptor.DefaultSeverity);
        Assert.Equal(rule.EnabledByDefault, descriptor.IsEnabledByDefault);
        if (rule.Owasp is not null)
        {
            Assert.Contains($"OWASP-{rule.Owasp.Split(' ')[0]}:2023", descriptor.CustomTags);
        }
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_HasHelpLinkMessageAndTags(string id)
    {
        var descriptor = Descriptor(id);
        Assert.Equal($"https://github.com/AzSecAnalyzers/AzSecAnalyzers/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);
        Assert.Matches(@"^AZSEC[1-5]\d\d$", id);
        Assert.Contains("Security", descriptor.CustomTags);
        Assert.Contains(descriptor.CustomTags, tag => CwePattern().IsMatch(tag));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
        Assert.EndsWith(".", descriptor.Description.ToString(), StringComparison.Ordinal);
        Assert.False(descriptor.MessageFormat.ToString().EndsWith('.'), "Messages end without a period, as the compiler's do");
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_HasARulePageFollowingTheTemplate(string id)
    {
        var descriptor = Descriptor(id);
        var path = TestPaths.RulePage(id);
        Assert.True(File.Exists(path), $"Missing {path}");
        var page = File.ReadAllText(path);
        Assert.StartsWith($"# {id}: {descriptor.Title}", page, StringComparison.Ordinal);
        Assert.Contains($"| Category | `{descriptor.Category}` |", page, StringComparison.Ordinal);
        Assert.Contains($"| Default severity | {SeverityWord(descriptor)} |", page, StringComparison.Ordinal);
        foreach (var section in new[] { "## Cause", "## Why it matters on Azure", "## How to fix", "## Configuration", "## How to suppress", "## Related rules" })
        {
            Assert.Contains(section, page, StringComparison.Ordinal);
        }

        Assert.Contains($"dotnet_diagnostic.{id}.severity", page, StringComparison.Ordinal);
        Assert.Contains($"#pragma warning disable {id}", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_IsInTheReleaseFiles(string id)
    {
        var descriptor = Descriptor(id);
        var rows = TestPaths.ReleaseFiles.SelectMany(File.ReadLines).Where(line => line.StartsWith(id + " ", StringComparison.Ordinal)).ToList();
        var row = Assert.Single(rows);
        var cells = row.Split('|').Select(cell => cell.Trim()).ToArray();
        Assert.Equal(descriptor.Category, cells[1]);
        Assert.Equal(descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled", cells[2]);
        Assert.Contains(descriptor.HelpLinkUri, row, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_HasAReadmeRow(string id)
    {
        var descriptor = Descriptor(id);
        var row = Assert.Single(File.ReadLines(TestPaths.Readme), line => line.StartsWith($"| [{id}](docs/rules/{id}.md) |", StringComparison.Ordinal));
        var cells = row.Split('|').Select(cell => cell.Trim()).ToArray();
        Assert.Equal(descriptor.Title.ToString(), cells[2]);
        Assert.Equal($"`{descriptor.Category}`", cells[3]);
        Assert.Equal(SeverityWord(descriptor), cells[4]);
        Assert.Equal(PackageCatalog.FixableIds.Contains(id) ? "yes" : "no", cells[5]);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_IsReportedByExactlyOneAnalyzer(string id)
    {
        var owners = PackageCatalog.CreateAnalyzers().Where(analyzer => analyzer.SupportedDiagnostics.Any(d => d.Id == id)).ToList();
        Assert.Single(owners);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_HasACodeFixOrSaysWhyNot(string id)
    {
        if (PackageCatalog.FixableIds.Contains(id))
        {
            return;
        }

        var owner = PackageCatalog.AnalyzerTypes.Single(type => ((DiagnosticAnalyzer)Activator.CreateInstance(type)!).SupportedDiagnostics.Any(d => d.Id == id));
        var reason = owner.GetCustomAttribute<NoCodeFixAttribute>()?.Reason;
        Assert.False(string.IsNullOrWhiteSpace(reason), $"{id} has no code fix and {owner.Name} has no [NoCodeFix(\"reason\")]");
    }

    [Theory]
    [MemberData(nameof(AnalyzerTypeNames))]
    public void Analyzer_IsSealedCSharpAndUsesTheSharedBase(string typeName)
    {
        var type = PackageCatalog.AnalyzerTypes.Single(t => t.FullName == typeName);
        Assert.True(type.IsSealed, $"{type.Name} should be sealed");
        Assert.True(type.IsPublic, $"{type.Name} should be public so every host can load it");
        Assert.True(typeof(AzSecAnalyzer).IsAssignableFrom(type), $"{type.Name} should derive from AzSecAnalyzer");
        var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
        Assert.NotNull(attribute);
        Assert.Equal(new[] { LanguageNames.CSharp }, attribute!.Languages);
        Assert.EndsWith("Analyzer", type.Name, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CodeFixTypeNames))]
    public void CodeFix_IsExportedSharedAndSupportsFixAll(string typeName)
    {
        var type = PackageCatalog.CodeFixTypes.Single(t => t.FullName == typeName);
        var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
        Assert.NotNull(export);
        Assert.Equal(type.Name, export!.Name);
        Assert.Equal(new[] { LanguageNames.CSharp }, export.Languages);
        Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());
        Assert.True(type.IsSealed);
        Assert.EndsWith("CodeFix", type.Name, StringComparison.Ordinal);

        var fix = (CodeFixProvider)Activator.CreateInstance(type)!;
        Assert.NotNull(fix.GetFixAllProvider());
        Assert.NotEmpty(fix.FixableDiagnosticIds);
        Assert.All(fix.FixableDiagnosticIds, id => Assert.Contains(id, PackageCatalog.Descriptors.Select(d => d.Id)));
    }

    [Fact]
    public void RuleFiles_AreNamedAfterEachOther()
    {
        // From an id a newcomer finds analyzer, fix and tests by one name.
        foreach (var type in PackageCatalog.AnalyzerTypes)
        {
            var stem = type.Name[..^"Analyzer".Length];
            var category = type.Namespace!.Split('.').Last();
            Assert.True(File.Exists(Path.Combine(TestPaths.RepositoryRoot, "src", "AzSecAnalyzers", "Rules", category, type.Name + ".cs")), $"{type.Name}.cs is not in src/AzSecAnalyzers/Rules/{category}");
            Assert.True(File.Exists(Path.Combine(TestPaths.RepositoryRoot, "tests", "AzSecAnalyzers.Tests", "Rules", category, type.Name + "Tests.cs")), $"No tests/AzSecAnalyzers.Tests/Rules/{category}/{type.Name}Tests.cs");
            var fix = PackageCatalog.CodeFixTypes.FirstOrDefault(t => t.Name == stem + "CodeFix");
            if (fix is not null)
            {
                Assert.True(File.Exists(Path.Combine(TestPaths.RepositoryRoot, "src", "AzSecAnalyzers.CodeFixes", "Rules", category, fix.Name + ".cs")));
                Assert.True(File.Exists(Path.Combine(TestPaths.RepositoryRoot, "tests", "AzSecAnalyzers.Tests", "Rules", category, fix.Name + "Tests.cs")));
            }
        }
    }

    [Fact]
    public void ReadmeReleaseFilesAndPages_NameNoUnknownRule()
    {
        // A row or page for a rule that is not implemented would promise what the package does not do.
        var known = PackageCatalog.Descriptors.Select(d => d.Id).ToHashSet();
        var readmeIds = File.ReadLines(TestPaths.Readme).Select(line => ReadmeRowPattern().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value);
        var releaseIds = TestPaths.ReleaseFiles.SelectMany(File.ReadLines).Select(line => ReleaseRowPattern().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value);
        var pageIds = Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "docs", "rules"), "*.md").Select(Path.GetFileNameWithoutExtension);
        Assert.Empty(readmeIds.Concat(releaseIds).Concat(pageIds!).Where(id => !known.Contains(id!)).Distinct());
    }

    [Fact]
    public void CommittedSpec_AgreesWithTheSharedSpec_ForImplementedRules()
    {
        if (!File.Exists(SpecCatalog.SharedPath))
        {
            // Only the steering checkout has ../shared; a clean clone tests against docs/SPEC.md alone.
            return;
        }

        var shared = SpecCatalog.Load(SpecCatalog.SharedPath);
        foreach (var descriptor in PackageCatalog.Descriptors)
        {
            Assert.Equal(shared[descriptor.Id], Spec[descriptor.Id]);
        }
    }

    private static DiagnosticDescriptor Descriptor(string id) => PackageCatalog.Descriptors.Single(d => d.Id == id);

    private static string SeverityWord(DiagnosticDescriptor descriptor) => !descriptor.IsEnabledByDefault
        ? "Hidden (disabled by default)"
        : descriptor.DefaultSeverity switch
        {
            DiagnosticSeverity.Warning => "Warning",
            DiagnosticSeverity.Info => "Info",
            DiagnosticSeverity.Error => "Error",
            _ => "Hidden",
        };

    private static TheoryData<string> Names(IEnumerable<Type> types)
    {
        var data = new TheoryData<string>();
        foreach (var type in types)
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [GeneratedRegex(@"^CWE-\d+$")]
    private static partial Regex CwePattern();

    [GeneratedRegex(@"^\| \[(AZSEC\d{3})\]")]
    private static partial Regex ReadmeRowPattern();

    [GeneratedRegex(@"^(AZSEC\d{3}) ")]
    private static partial Regex ReleaseRowPattern();
}
