using System.Text.Json;
using System.Text.Json.Nodes;
using AzSecAnalyzers.Tests.Meta;
using NJsonSchema;

namespace AzSecAnalyzers.Tests.Cli;

/// <summary>
/// The `azsec` tool on the sample apps in place (they are restored with the solution): findings, exit
/// codes, SARIF validity for GitHub code scanning, options, and load failures.
/// </summary>
[Trait("Category", "EndToEnd")]
public class AzsecScanTests(InsecureAppScan insecure) : IClassFixture<InsecureAppScan>
{
    private static IEnumerable<string> EnabledRuleIds => PackageCatalog.Descriptors.Where(d => d.IsEnabledByDefault).Select(d => d.Id);

    [Fact]
    public void InsecureApp_ReportsEveryEnabledRule_AndExitsOne()
    {
        Assert.True(insecure.Result.ExitCode == 1, insecure.Result.ToString());
        var results = Results(insecure.Sarif);
        foreach (var id in EnabledRuleIds)
        {
            Assert.Contains(results, r => (string?)r["ruleId"] == id);
            Assert.Contains(id, insecure.Result.Output, StringComparison.Ordinal);
        }

        // The text report on standard output: rule group, file:line:column, and the summary table.
        Assert.Matches(@"(?m)^  Program\.cs:\d+:\d+: warning: 'HttpClientHandler\.ServerCertificateCustomValidationCallback'", insecure.Result.Output);
        Assert.Matches(@"(?m)^Rule\s+Error\s+Warning\s+Info\s+Total$", insecure.Result.Output);
        Assert.Matches(@"(?m)^AZSEC301\s+0\s+1\s+0\s+1$", insecure.Result.Output);
    }

    [Fact]
    public void InsecureApp_FindingLocations_PointAtTheOffendingCode()
    {
        var result = Results(insecure.Sarif).Single(r => (string?)r["ruleId"] == "AZSEC301");
        var physical = result["locations"]![0]!["physicalLocation"]!;
        Assert.Equal("Program.cs", (string?)physical["artifactLocation"]!["uri"]);
        var line = (int)physical["region"]!["startLine"]!;
        var column = (int)physical["region"]!["startColumn"]!;
        var source = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "samples", "InsecureApp", "Program.cs"));
        Assert.StartsWith("ServerCertificateCustomValidationCallback", source[line - 1][(column - 1)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsecureApp_Sarif_IsValidAgainstTheSarif210Schema()
    {
        Assert.True(File.Exists(AzsecTool.SarifSchemaPath), $"The SARIF 2.1.0 schema was not unpacked to {AzsecTool.SarifSchemaPath}: the test project's build takes it from the npm package @microsoft/jest-sarif (npm must be installed).");
        var schema = await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(AzsecTool.SarifSchemaPath));
        Assert.Contains("2.1.0", schema.Id ?? schema.Title ?? string.Empty, StringComparison.Ordinal);

        var errors = schema.Validate(insecure.Sarif);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));

        // The schema has teeth: a result with an unknown level and a log without a version are rejected.
        var broken = JsonNode.Parse(insecure.Sarif)!;
        broken.AsObject().Remove("version");
        broken["runs"]![0]!["results"]![0]!["level"] = "fatal";
        Assert.NotEmpty(schema.Validate(broken.ToJsonString()));
    }

    [Fact]
    public void InsecureApp_Sarif_CarriesWhatGitHubCodeScanningNeeds()
    {
        var log = JsonNode.Parse(insecure.Sarif)!;
        Assert.Equal("2.1.0", (string?)log["version"]);
        var run = log["runs"]![0]!;
        var driver = run["tool"]!["driver"]!;
        Assert.Equal("AzSecAnalyzers", (string?)driver["name"]);
        Assert.False(string.IsNullOrEmpty((string?)driver["semanticVersion"]));

        var rules = driver["rules"]!.AsArray();
        Assert.Equal(PackageCatalog.Descriptors.Select(d => d.Id), rules.Select(r => (string)r!["id"]!));
        foreach (var rule in rules)
        {
            var descriptor = PackageCatalog.Descriptors.Single(d => d.Id == (string?)rule!["id"]);
            Assert.Equal(Descriptors.HelpLinkFor(descriptor.Id), (string?)rule!["helpUri"]);
            Assert.Equal(descriptor.Title.ToString(), (string?)rule["shortDescription"]!["text"]);
            Assert.Contains("security", rule["properties"]!["tags"]!.AsArray().Select(t => (string?)t));
        }

        Assert.StartsWith("file:///", (string?)run["originalUriBaseIds"]!["%SRCROOT%"]!["uri"], StringComparison.Ordinal);
        foreach (var result in Results(insecure.Sarif))
        {
            var index = (int)result["ruleIndex"]!;
            Assert.Equal((string?)result["ruleId"], (string?)rules[index]!["id"]);
            var artifact = result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!;
            var uri = (string)artifact["uri"]!;
            Assert.False(Uri.TryCreate(uri, UriKind.Absolute, out _), $"{uri} must be relative");
            Assert.Equal("%SRCROOT%", (string?)artifact["uriBaseId"]);
            Assert.False(string.IsNullOrEmpty((string?)result["partialFingerprints"]!["azsecLineHash/v1"]));
        }
    }

    [Fact]
    public void InsecureApp_WithItsOwnSarifAsBaseline_ReportsNothingNew_AsJson()
    {
        var json = Path.Combine(insecure.Folder, "baseline.json");
        var run = AzsecTool.Run(AzsecTool.Sample("InsecureApp"), "--baseline", insecure.SarifPath, "--format", "json", "--output", json);
        Assert.True(run.ExitCode == 0, run.ToString());
        var report = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.Empty(report["findings"]!.AsArray());
        Assert.Equal(Results(insecure.Sarif).Count, (int)report["baselineMatched"]!);
        Assert.Contains("already in the baseline", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void InsecureApp_ExcludedFile_IsNotReported()
    {
        var json = Path.Combine(insecure.Folder, "excluded.json");
        var run = AzsecTool.Run(AzsecTool.Sample("InsecureApp"), "--exclude", "Program.cs", "--format", "json", "--output", json);
        Assert.True(run.ExitCode is 0 or 1, run.ToString());
        var findings = JsonNode.Parse(File.ReadAllText(json))!["findings"]!.AsArray();
        Assert.DoesNotContain(findings, f => (string?)f!["path"] == "Program.cs");
    }

    [Fact]
    public void InsecureApp_SelectedRuleBelowTheThreshold_IsReportedButExitsZero()
    {
        // Every default severity is warning or lower, so nothing reaches "error" in InsecureApp.
        var run = AzsecTool.Run(AzsecTool.Sample("InsecureApp"), "--rules", "AZSEC30*", "--severity-threshold", "error");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("AZSEC301", run.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^AZSEC[^3]\d\d\s", run.Output);
    }

    [Fact]
    public void SecureApp_HasNoFindings_AndExitsZero()
    {
        var run = AzsecTool.Run(AzsecTool.Sample("SecureApp"), "--severity-threshold", "info");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("1 project scanned: no findings.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenProject_IsReportedByName_TheRestIsScanned_AndExitCodeIsTwo()
    {
        var folder = AzsecTool.TempFolder();
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "Broken"));
            File.WriteAllText(Path.Combine(folder, "Broken", "Broken.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n");
            var insecure = Path.GetRelativePath(folder, AzsecTool.Sample("InsecureApp")).Replace('\\', '/');
            File.WriteAllText(Path.Combine(folder, "Mixed.slnx"), $"""
                <Solution>
                  <Project Path="Broken/Broken.csproj" />
                  <Project Path="{insecure}" />
                </Solution>
                """);

            var run = AzsecTool.RunIn(folder, "Mixed.slnx");
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains("error: project Broken (Broken/Broken.csproj) could not be loaded:", run.Output, StringComparison.Ordinal);
            Assert.Contains("The project file could not be loaded", run.Output, StringComparison.Ordinal);
            Assert.Contains("AZSEC301", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ProjectWithoutThePackage_SecretsInItsConfigurationFiles_AreReportedWithFileAndLine()
    {
        var folder = AzsecTool.TempFolder();
        try
        {
            // A project that does not reference AzSecAnalyzers: the tool itself feeds its configuration files to AZSEC104.
            var app = Path.Combine(folder, "App");
            Directory.CreateDirectory(Path.Combine(app, "bin", "Debug"));
            File.WriteAllText(Path.Combine(app, "App.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Orders.cs"), "public class Orders { }\n");
            var settings = """
                {
                  "ConnectionStrings": {
                    "Bus": "Endpoint=sb://contoso-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=lMx0EdcX8UV5sqoQD7uzT6WT/q7Scki3YuOrWAXwdlo="
                  }
                }
                """;
            File.WriteAllText(Path.Combine(app, "appsettings.json"), settings);
            File.WriteAllText(Path.Combine(app, "bin", "Debug", "appsettings.json"), settings);
            File.WriteAllText(Path.Combine(app, "Web.config"), """
                <configuration>
                  <appSettings>
                    <add key="SmtpPassword" value="k9Qw2Zp7Lm4Xr8Tn" />
                  </appSettings>
                </configuration>
                """);

            var restore = AzSecAnalyzers.Tests.Packaging.DotNetCli.Run(folder, AzsecTool.Timeout, "restore", "App/App.csproj");
            Assert.True(restore.ExitCode == 0, restore.ToString());
            var sarifPath = Path.Combine(folder, "app.sarif");
            var run = AzsecTool.RunIn(folder, "App/App.csproj", "--format", "sarif", "--output", sarifPath);
            Assert.True(run.ExitCode == 1, run.ToString());

            var results = Results(File.ReadAllText(sarifPath)).Where(r => (string?)r["ruleId"] == "AZSEC104").ToList();
            var locations = results
                .Select(r => r["locations"]![0]!["physicalLocation"]!)
                .Select(l => ((string)l["artifactLocation"]!["uri"]!, (int)l["region"]!["startLine"]!, (int)l["region"]!["startColumn"]!))
                .OrderBy(l => l.Item1, StringComparer.Ordinal)
                .ToList();
            Assert.Equal(new[] { ("Web.config", 3, 36), ("appsettings.json", 3, 13) }, locations);
            Assert.Matches(@"(?m)^  appsettings\.json:3:13: warning: Service Bus / Event Hubs / Relay shared access key \(SharedAccessKey=lMx0…\) in appsettings\.json at 'ConnectionStrings:Bus'", run.Output);
            Assert.DoesNotContain("lMx0EdcX8UV5", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--severity-threshold", "loud")]
    [InlineData("--rules", "NOPE*")]
    [InlineData("--frobnicate")]
    [InlineData("does-not-exist.sln")]
    public void UsageErrors_ExitTwo_WithAMessage(params string[] arguments)
    {
        var run = AzsecTool.Run(arguments);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("azsec: ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsEveryOption()
    {
        var run = AzsecTool.Run("--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--format", "--output", "--severity-threshold", "--rules", "--exclude", "--fix", "--baseline" })
        {
            Assert.Contains(option, run.Output, StringComparison.Ordinal);
        }
    }

    private static List<JsonNode> Results(string sarif)
        => JsonNode.Parse(sarif)!["runs"]![0]!["results"]!.AsArray().Select(r => r!).ToList();
}
