using System.IO.Compression;
using System.Text.Json.Nodes;
using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Tests.Meta;
using AzSecAnalyzers.Tests.Packaging;

namespace AzSecAnalyzers.Tests.Cli;

/// <summary>
/// The `azsec` tool as users get it (packed, installed with `dotnet tool install --add-source`), and
/// <c>--fix</c> on a copy of InsecureApp. The copy is PackedPackageFixture's standalone sample copy
/// (outside the repository, own csproj with explicit versions, restored offline from the feed), so
/// fixing it can never touch the repository and building it afterwards uses the packed analyzers as
/// an independent check of what is left.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public class AzsecPackagedToolTests(PackedPackageFixture package)
{
    [Fact]
    public void ToolPackage_BundlesTheRulesAndTheBuildHost_ButNoMSBuild()
    {
        using var archive = ZipFile.OpenRead(package.ToolPackagePath);
        var entries = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
        Assert.Contains("tools/net10.0/any/azsec.dll", entries);
        Assert.Contains("tools/net10.0/any/AzSecAnalyzers.dll", entries);
        Assert.Contains("tools/net10.0/any/AzSecAnalyzers.CodeFixes.dll", entries);
        Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", entries);
        Assert.Contains("tools/net10.0/any/Microsoft.CodeAnalysis.Workspaces.MSBuild.dll", entries);
        Assert.Contains("tools/net10.0/any/Microsoft.Build.Locator.dll", entries);
        Assert.Contains(entries, e => e.StartsWith("tools/net10.0/any/BuildHost-netcore/", StringComparison.Ordinal));
        Assert.DoesNotContain("tools/net10.0/any/Microsoft.Build.dll", entries);
        Assert.DoesNotContain("tools/net10.0/any/Microsoft.Build.Framework.dll", entries);
    }

    [Fact]
    public void InstalledTool_ScansASampleCopy()
    {
        var azsec = package.InstalledTool;
        var version = DotNetCli.RunProgram(azsec, package.Root, PackedPackageFixture.CommandTimeout, "--version");
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal(PackedPackageFixture.PackageVersion, version.Output.Trim());

        var copy = package.CreateSampleCopy("cli-installed");
        var sarif = Path.Combine(copy, "azsec.sarif");
        var scan = DotNetCli.RunProgram(azsec, copy, PackedPackageFixture.CommandTimeout, "--format", "sarif", "--output", sarif);
        Assert.True(scan.ExitCode == 1, scan.ToString());
        var results = JsonNode.Parse(File.ReadAllText(sarif))!["runs"]![0]!["results"]!.AsArray();
        Assert.Contains(results, r => (string?)r!["ruleId"] == "AZSEC301"
            && (string?)r["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"] == "Program.cs");
    }

    [Fact]
    public void Fix_OnACopyOfInsecureApp_RemovesEveryFixableFinding_AndTheCopyStillBuilds()
    {
        var copy = package.CreateSampleCopy("cli-fix");
        var before = Snapshot(copy);
        var report = Path.Combine(package.Root, "cli-fix.json");

        var fix = AzsecTool.RunIn(copy, "InsecureApp.csproj", "--fix", "--format", "json", "--output", report);
        Assert.True(fix.ExitCode is 0 or 1, fix.ToString());
        var json = JsonNode.Parse(File.ReadAllText(report))!;

        // What the tool says it fixed is what changed on disk, and nothing outside the copy's sources changed.
        var changed = Snapshot(copy).Where(f => !before.TryGetValue(f.Key, out var text) || text != f.Value).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
        var reported = json["fixed"]!.AsArray().Select(f => (string)f!["path"]!).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("Program.cs", reported);
        Assert.Equal(reported, changed);
        Assert.Contains("Fixed:", fix.Output, StringComparison.Ordinal);

        // Whatever is left belongs to rules without a code fix, or is a finding its rule's fix rightly does not
        // offer to change (the sample findings marked NoFixOffered, e.g. AZSEC503 on ECB mode).
        var fixable = PackageCatalog.CreateCodeFixes().SelectMany(f => f.FixableDiagnosticIds).ToHashSet(StringComparer.Ordinal);
        var left = json["findings"]!.AsArray().Select(f => (string)f!["ruleId"]!).Where(fixable.Contains).Order(StringComparer.Ordinal).ToList();
        var unfixable = LanguageServerEndToEndTests.SampleFindings.Where(f => f.NoFixOffered).Select(f => f.RuleId).Order(StringComparer.Ordinal).ToList();
        Assert.True(left.SequenceEqual(unfixable), "Fixable findings left after --fix: " + string.Join(", ", left) + " (expected only: " + string.Join(", ", unfixable) + ")\n" + fix);

        var build = PackedPackageFixture.Build(copy);
        Assert.True(build.ExitCode == 0, "The fixed copy does not build: " + build);
        foreach (var id in fixable)
        {
            var remaining = build.Output.Split('\n').Select(line => line.Trim()).Where(line => line.Contains($"warning {id}:", StringComparison.Ordinal)).Distinct().Count();
            Assert.True(remaining == unfixable.Count(u => u == id), $"{id}: {remaining} findings left in the build of the fixed copy\n{build.Output}");
        }
    }

    [Fact]
    public void Fix_NeverWritesOutsideTheScannedFolder()
    {
        // The copy compiles a Program.cs that lives beside it, outside the folder being scanned.
        var copy = package.CreateSampleCopy("cli-outside");
        var shared = Path.Combine(package.Root, "cli-outside-shared");
        Directory.CreateDirectory(shared);
        File.Move(Path.Combine(copy, "Program.cs"), Path.Combine(shared, "Program.cs"));
        var original = File.ReadAllText(Path.Combine(shared, "Program.cs"));
        var project = Path.Combine(copy, "InsecureApp.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "</Project>",
            "  <ItemGroup>\n    <Compile Include=\"../cli-outside-shared/Program.cs\" />\n  </ItemGroup>\n</Project>",
            StringComparison.Ordinal));

        var fix = AzsecTool.RunIn(copy, "InsecureApp.csproj", "--fix", "--rules", "AZSEC301");
        Assert.True(fix.ExitCode == 1, fix.ToString());
        Assert.Equal(original, File.ReadAllText(Path.Combine(shared, "Program.cs")));
        Assert.Contains("fix skipped: AZSEC301: not writing", fix.Output, StringComparison.Ordinal);
        Assert.Contains("../cli-outside-shared/Program.cs:", fix.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Snapshot(string folder)
        => Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("obj/", StringComparison.Ordinal) && !path.StartsWith("bin/", StringComparison.Ordinal))
            .ToDictionary(path => path, path => File.ReadAllText(Path.Combine(folder, path)), StringComparer.Ordinal);
}
