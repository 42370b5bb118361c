using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AzSecAnalyzers.Tests.Packaging;

/// <summary>
/// The whole path from a rule to a user's build: the real package, restored by version from a
/// folder feed into a net8.0 project, built with the SDK, configured the ways users configure it.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public class PackageEndToEndTests(PackedPackageFixture package)
{
    private static readonly string FindingLocation = $"Insecure.cs({ConsumerSources.FindingLine},{ConsumerSources.FindingColumn})";

    [Fact]
    public void Package_HasTheAnalyzerShape()
    {
        Assert.True(File.Exists(package.PackagePath), "Packing failed: " + package.PackResult);
        using var archive = ZipFile.OpenRead(package.PackagePath);
        var entries = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();

        var dlls = entries.Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).OrderBy(e => e, StringComparer.Ordinal);
        Assert.Equal(new[] { "analyzers/dotnet/cs/AzSecAnalyzers.CodeFixes.dll", "analyzers/dotnet/cs/AzSecAnalyzers.dll" }, dlls);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        Assert.Contains("buildTransitive/AzSecAnalyzers.props", entries);
        Assert.Contains("buildTransitive/AzSecAnalyzers.targets", entries);
        Assert.Contains("build/AzSecAnalyzers.targets", entries);
        Assert.Contains("README.md", entries);

        var nuspecEntry = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("AzSecAnalyzers", Value("id"));
        Assert.Equal("true", Value("developmentDependency"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("security", Value("tags") ?? string.Empty, StringComparison.Ordinal);
        Assert.NotNull(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository"));
        var dependencies = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "dependencies");
        Assert.True(dependencies is null || !dependencies.Descendants().Any(e => e.Name.LocalName == "dependency"), "The package must have no dependencies");
    }

    [Fact]
    public void PackedAssemblies_ReferenceRoslyn48AtMost_AndNoWorkspacesFromTheAnalyzer()
    {
        Assert.True(File.Exists(package.PackagePath), "Packing failed: " + package.PackResult);
        using var archive = ZipFile.OpenRead(package.PackagePath);
        foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
        {
            var references = AssemblyReferences(entry);
            var roslyn = references.Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(roslyn);
            Assert.All(roslyn, r => Assert.True(r.Version <= new Version(4, 8, 0, 0), $"{entry.Name} references {r.Name} {r.Version}, newer than Roslyn 4.8 (the .NET 8 SDK could not load it: CS8032)"));

            if (entry.Name == "AzSecAnalyzers.dll")
            {
                Assert.DoesNotContain(references, r => r.Name.Contains("Workspaces", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Net8Consumer_BuildsWithTheWarningAtTheExactLine_AndSarifMetadata()
    {
        var consumer = package.CreateConsumer("default");
        var sarifPath = Path.Combine(consumer, "build.sarif");
        // MSBuild splits -p values on commas: the SARIF version suffix needs an escaped one.
        var build = PackedPackageFixture.Build(consumer, $"-p:ErrorLog={sarifPath}%2Cversion=2.1");

        Assert.True(build.ExitCode == 0, build.ToString());
        var findings = Findings(build.Output, "warning");
        Assert.Equal(new[] { FindingLocation }, findings);
        Assert.DoesNotContain("CS8032", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Suppressed.cs", build.Output, StringComparison.Ordinal);

        using var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "AZSEC301");
        Assert.Equal("Server certificate validation disabled", rule.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("https://github.com/AzSecAnalyzers/AzSecAnalyzers/blob/main/docs/rules/AZSEC301.md", rule.GetProperty("helpUri").GetString());
        Assert.Equal("AzureSecurity.Transport", rule.GetProperty("properties").GetProperty("category").GetString());
        var result = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "AZSEC301" && !r.TryGetProperty("suppressions", out _));
        var region = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(ConsumerSources.FindingLine, region.GetProperty("startLine").GetInt32());

        // Secret hygiene through a real build: the key in Secret.cs is reported, and neither the build
        // log nor the SARIF file shows more of it than the short redacted preview.
        Assert.Contains(run.GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "AZSEC101");
        var leak = AzSecAnalyzers.Tests.Infrastructure.TestSecrets.StorageKey.Substring(4, 12);
        Assert.DoesNotContain(leak, File.ReadAllText(sarifPath), StringComparison.Ordinal);
        Assert.DoesNotContain(leak, build.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rule-error", "dotnet_diagnostic.AZSEC301.severity = error")]
    [InlineData("category-error", "dotnet_analyzer_diagnostic.category-AzureSecurity.Transport.severity = error")]
    public void EditorConfigError_FailsTheBuild(string name, string editorConfig)
    {
        var consumer = package.CreateConsumer(name, editorConfig);
        var build = PackedPackageFixture.Build(consumer);
        Assert.True(build.ExitCode != 0, "The build should fail:\n" + build);
        Assert.Equal(new[] { FindingLocation }, Findings(build.Output, "error"));
    }

    [Fact]
    public void EditorConfigNone_SilencesTheRule()
    {
        var consumer = package.CreateConsumer("rule-none", "dotnet_diagnostic.AZSEC301.severity = none");
        var build = PackedPackageFixture.Build(consumer);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("AZSEC301", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TreatWarningsAsErrors_FailsTheBuild()
    {
        var consumer = package.CreateConsumer("warnaserror");
        var build = PackedPackageFixture.Build(consumer, "-p:TreatWarningsAsErrors=true");
        Assert.True(build.ExitCode != 0, "The build should fail:\n" + build);
        Assert.Equal(new[] { FindingLocation }, Findings(build.Output, "error"));
    }

    [Fact]
    public void DotnetFormatAnalyzers_AppliesTheFix()
    {
        var consumer = package.CreateConsumer("format");
        var format = DotNetCli.Run(consumer, PackedPackageFixture.CommandTimeout, "format", "analyzers", "Consumer.csproj", "--diagnostics", "AZSEC301", "--severity", "warn", "--no-restore");
        Assert.True(format.ExitCode == 0, format.ToString());

        var fixedSource = File.ReadAllText(Path.Combine(consumer, "Insecure.cs"));
        Assert.DoesNotContain("ServerCertificateCustomValidationCallback", fixedSource, StringComparison.Ordinal);
        Assert.Contains("handler.MaxConnectionsPerServer = 8;", fixedSource, StringComparison.Ordinal);

        // Suppressed findings are not "fixed" behind the user's back.
        Assert.Equal(ConsumerSources.Suppressed.ReplaceLineEndings(), File.ReadAllText(Path.Combine(consumer, "Suppressed.cs")).ReplaceLineEndings());

        var build = PackedPackageFixture.Build(consumer);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("AZSEC301", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettingsSecret_IsReportedAtItsLineAndColumn_WithoutShowingIt()
    {
        var consumer = package.CreateConsumer("config-default");
        File.WriteAllText(Path.Combine(consumer, "appsettings.json"), ConsumerSources.AppSettings);
        var sarifPath = Path.Combine(consumer, "build.sarif");
        var build = PackedPackageFixture.Build(consumer, $"-p:ErrorLog={sarifPath}%2Cversion=2.1");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(new[] { $"appsettings.json({ConsumerSources.AppSettingsFindingLine},{ConsumerSources.AppSettingsFindingColumn})" }, ConfigurationFindings(build.Output));
        Assert.Contains("in appsettings.json at 'ConnectionStrings:Orders'", build.Output, StringComparison.Ordinal);
        Assert.Equal(1, ConfigurationResultCount(sarifPath));
        Assert.DoesNotContain(AzSecAnalyzers.Tests.Infrastructure.TestSecrets.SharedKey.Substring(4, 12), build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettingsSecret_WithTheOptOutProperty_IsNotReported()
    {
        var consumer = package.CreateConsumer("config-opt-out");
        File.WriteAllText(Path.Combine(consumer, "appsettings.json"), ConsumerSources.AppSettings);
        var build = PackedPackageFixture.Build(consumer, "-p:AzSecScanConfigurationFiles=false");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("AZSEC104", build.Output, StringComparison.Ordinal);
        Assert.Contains("AZSEC301", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettingsAlreadyListedAsAdditionalFiles_IsReportedOnce()
    {
        var consumer = package.CreateConsumer("config-user-listed");
        File.WriteAllText(Path.Combine(consumer, "appsettings.json"), ConsumerSources.AppSettings);
        var project = Path.Combine(consumer, "Consumer.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>", "  <ItemGroup>\n    <AdditionalFiles Include=\"appsettings.json\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));
        var sarifPath = Path.Combine(consumer, "build.sarif");
        var build = PackedPackageFixture.Build(consumer, $"-p:ErrorLog={sarifPath}%2Cversion=2.1");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(new[] { $"appsettings.json({ConsumerSources.AppSettingsFindingLine},{ConsumerSources.AppSettingsFindingColumn})" }, ConfigurationFindings(build.Output));
        Assert.Equal(1, ConfigurationResultCount(sarifPath));

        // The compiler merges additional files with one full path, but an IDE's design-time build reads the
        // items themselves: the package must not add a second item for the file the user listed.
        var items = DotNetCli.Run(consumer, PackedPackageFixture.CommandTimeout, "msbuild", "Consumer.csproj", "-getItem:AdditionalFiles", "-nodeReuse:false");
        Assert.True(items.ExitCode == 0, items.ToString());
        var json = items.Output[items.Output.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json);
        var fullPaths = document.RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray()
            .Select(item => item.GetProperty("FullPath").GetString())
            .ToList();
        Assert.Single(fullPaths, path => path == Path.Combine(consumer, "appsettings.json"));
    }

    /// <summary>The distinct `appsettings.json(line,col)` locations of AZSEC104 warnings in MSBuild output (the console logger repeats every warning).</summary>
    private static string[] ConfigurationFindings(string output)
        => Regex.Matches(output, @"(appsettings\.json\(\d+,\d+\)): warning AZSEC104")
            .Select(m => m.Groups[1].Value)
            .Distinct()
            .ToArray();

    /// <summary>How many AZSEC104 results the compiler's SARIF log holds: one per diagnostic, so a file added twice would show as two.</summary>
    private static int ConfigurationResultCount(string sarifPath)
    {
        using var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath));
        return sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Count(r => r.GetProperty("ruleId").GetString() == "AZSEC104");
    }

    /// <summary>The distinct `File(line,col)` locations of AZSEC301 findings with the given level in MSBuild output.</summary>
    private static string[] Findings(string output, string level)
        => Regex.Matches(output, $@"(\w+\.cs\(\d+,\d+\)): {level} AZSEC301")
            .Select(m => m.Groups[1].Value)
            .Distinct()
            .ToArray();

    private static List<(string Name, Version Version)> AssemblyReferences(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        using var pe = new PEReader(copy);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle))
            .Select(reference => (reader.GetString(reference.Name), reference.Version))
            .ToList();
    }
}
