using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AzSecAnalyzers.Tests.Meta;
using AzSecAnalyzers.Tests.Packaging;

namespace AzSecAnalyzers.Tests.Cli;

/// <summary>
/// `azsec` on awkward trees and code: link loops, unreadable folders, a solution naming a missing project,
/// code nested deeper than a default stack binds; and baselines: SARIF 1.0, fingerprints that hide the secret.
/// </summary>
// Links and file modes are the Unix side of these guarantees.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "EndToEnd")]
public class AzsecDiscoverySafetyTests
{
    [Fact]
    public void SymlinkLoop_UnderTheScannedFolder_LoadsEachProjectOnce()
    {
        using var sandbox = new CliSandbox();
        sandbox.Project("App", restore: true, CliSandbox.Bypass("Carrier"));
        Directory.CreateDirectory(sandbox.PathOf("links"));
        Directory.CreateSymbolicLink(sandbox.PathOf("links/loop"), "..");

        var run = AzsecTool.RunIn(sandbox.Root, ".");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("1 project scanned: 1 finding.", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^AZSEC301\s+0\s+1\s+0\s+1$", run.Output);
    }

    [Fact]
    public void UnreadableSubfolder_IsSkippedWithAWarning_TheRestIsScanned()
    {
        // Root reads every folder whatever its mode, so azsec runs as the unprivileged user 'nobody' here.
        using var sandbox = new CliSandbox();
        sandbox.Project("App", restore: true, CliSandbox.Bypass("Carrier"));
        sandbox.Project("Locked", restore: false, CliSandbox.Bypass("Hidden"));
        File.SetUnixFileMode(sandbox.PathOf("Locked"), (UnixFileMode)0b111_000_000);
        var home = Directory.CreateDirectory(sandbox.PathOf("home")).FullName;
        File.SetUnixFileMode(home, (UnixFileMode)0b111_111_111);

        var run = Environment.UserName == "root"
            ? DotNetCli.RunProgram(
                "setpriv",
                sandbox.Root,
                AzsecTool.Timeout,
                "--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=" + home, "DOTNET_CLI_HOME=" + home, "dotnet", AzsecTool.ToolPath, ".")
            : AzsecTool.RunIn(sandbox.Root, ".");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("azsec: warning: skipped the folder Locked/, which cannot be read:", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 project scanned: 1 finding.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationFile_OverTheSizeAZSEC104Reads_IsNamedInANote()
    {
        using var sandbox = new CliSandbox();
        sandbox.Project("App", restore: true);
        File.WriteAllText(sandbox.PathOf("App/appsettings.json"), "{ \"Padding\": \"" + new string('a', (16 * 1024 * 1024) + 1) + "\" }");
        File.WriteAllText(sandbox.PathOf("App/appsettings.Production.json"), "{ \"Logging\": { \"LogLevel\": { \"Default\": \"Warning\" } } }");

        var run = AzsecTool.RunIn(sandbox.Root, ".");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("azsec: note: App/appsettings.json is not read for secrets (AZSEC104): it is over 16 Mi characters.", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("appsettings.Production.json is not read", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Solution_WithAMissingProject_NamesItRelativeToTheSolution()
    {
        using var sandbox = new CliSandbox();
        File.WriteAllText(sandbox.PathOf("App.slnx"), "<Solution>\n  <Project Path=\"Missing/Missing.csproj\" />\n</Solution>\n");

        // Run from another folder: the path must not be relative to the current one.
        var run = AzsecTool.RunIn(TestPaths.RepositoryRoot, sandbox.PathOf("App.slnx"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("project Missing (Missing/Missing.csproj) could not be loaded", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("../", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DeeplyNestedCode_TheCompilerAccepts_IsAnalysed()
    {
        // 12,000 nested parentheses compile, but overflow a default 8 MiB stack when bound.
        using var sandbox = new CliSandbox();
        var nested = new string('(', 12_000) + "1" + new string(')', 12_000);
        var project = sandbox.Project(
            "Deep",
            restore: true,
            ("Deep.cs", "public static class Deep { public static int Value() => " + nested + "; }\n"),
            CliSandbox.Bypass("Carrier"));

        var run = AzsecTool.RunIn(sandbox.Root, project);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("1 project scanned: 1 finding.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif1Baseline_AsABuildWritesItByDefault_FiltersItsFindings()
    {
        using var sandbox = new CliSandbox();
        var project = sandbox.Project("App", restore: true, CliSandbox.Bypass("Carrier"));
        var file = new Uri(sandbox.PathOf("App/Carrier.cs")).AbsoluteUri;

        // The shape of the compiler's -p:ErrorLog=build.sarif (SARIF 1.0.0, its default).
        File.WriteAllText(sandbox.PathOf("build.sarif"), $$"""
            {
              "$schema": "http://json.schemastore.org/sarif-1.0.0",
              "version": "1.0.0",
              "runs": [
                {
                  "tool": { "name": "Microsoft (R) Visual C# Compiler", "version": "5.0.0" },
                  "results": [
                    {
                      "ruleId": "AZSEC301",
                      "level": "warning",
                      "message": "'HttpClientHandler.ServerCertificateCustomValidationCallback' accepts every server certificate",
                      "locations": [ { "resultFile": { "uri": "{{file}}", "region": { "startLine": 7, "startColumn": 9, "endLine": 7, "endColumn": 50 } } } ],
                      "properties": { "warningLevel": 1 }
                    }
                  ],
                  "rules": { "AZSEC301": { "id": "AZSEC301", "shortDescription": "Server certificate validation disabled" } }
                }
              ]
            }
            """);

        var json = sandbox.PathOf("report.json");
        var run = AzsecTool.RunIn(sandbox.Root, project, "--baseline", "build.sarif", "--format", "json", "--output", json);

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.Empty(report["findings"]!.AsArray());
        Assert.Equal(1, (int)report["baselineMatched"]!);
    }

    [Fact]
    public void Fingerprint_HidesTheSecret_AndBaselinesOfTheOldFormatStillMatch()
    {
        using var sandbox = new CliSandbox();
        const string Line = "public static NetworkCredential Service() => new NetworkCredential(\"svc-orders\", \"{0}\");";
        string Source(string password) => "using System.Net;\n\npublic static class Accounts\n{\n    " + Line.Replace("{0}", password, StringComparison.Ordinal) + "\n}\n";
        var project = sandbox.Project("App", restore: true, ("Accounts.cs", Source("Winter2024!")));
        var first = sandbox.PathOf("first.sarif");
        var scan = AzsecTool.RunIn(sandbox.Root, project, "--rules", "AZSEC102", "--format", "sarif", "--output", first);
        Assert.True(scan.ExitCode == 1, scan.ToString());
        var result = JsonNode.Parse(File.ReadAllText(first))!["runs"]![0]!["results"]!.AsArray().Single()!;
        var fingerprint = (string)result["partialFingerprints"]!["azsecLineHash/v1"]!;

        // Not a hash anyone can recompute from a guessed password: the hash of rule, file and whole line is not it.
        var guessed = UnmaskedFingerprint("AZSEC102", "Accounts.cs", Line.Replace("{0}", "Winter2024!", StringComparison.Ordinal));
        Assert.NotEqual(guessed, fingerprint);

        // Another password on the same line: the same fingerprint, so the first scan is its baseline.
        File.WriteAllText(sandbox.PathOf("App/Accounts.cs"), Source("Summer2025?"));
        var rerun = AzsecTool.RunIn(sandbox.Root, project, "--rules", "AZSEC102", "--baseline", first);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("already in the baseline", rerun.Output, StringComparison.Ordinal);

        // A baseline written by an earlier azsec (the unmasked line hash) still hides the finding.
        var legacy = sandbox.PathOf("legacy.sarif");
        var node = JsonNode.Parse(File.ReadAllText(first))!;
        node["runs"]![0]!["results"]![0]!["partialFingerprints"]!["azsecLineHash/v1"] =
            UnmaskedFingerprint("AZSEC102", "Accounts.cs", Line.Replace("{0}", "Summer2025?", StringComparison.Ordinal));
        File.WriteAllText(legacy, node.ToJsonString());
        var old = AzsecTool.RunIn(sandbox.Root, project, "--rules", "AZSEC102", "--baseline", legacy);
        Assert.True(old.ExitCode == 0, old.ToString());
        Assert.Contains("already in the baseline", old.Output, StringComparison.Ordinal);
    }

    /// <summary>The fingerprint azsec 0.1.0 wrote: SHA-256 of rule, file and the line with runs of blanks as one space.</summary>
    private static string UnmaskedFingerprint(string ruleId, string path, string line)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ruleId + "\n" + path + "\n" + string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))), 0, 16);
}
