namespace AzSecAnalyzers.Tests.Cli;

/// <summary>
/// `azsec` on hostile input that must be refused before any project is loaded: a baseline of the wrong shape,
/// an output it cannot write, a malformed .slnx, an --exclude that leaves nothing. Each ends in one line on
/// standard error and exit code 2, never an unhandled exception.
/// </summary>
// Links and file modes are the Unix side of these guarantees.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "EndToEnd")]
public class AzsecInputSafetyTests
{
    [Theory]
    [InlineData("[]", "it is a JSON array")]
    [InlineData("42", "it is a JSON number")]
    [InlineData("""{ "runs": {} }""", "'runs' in the log is a JSON object, not an array")]
    [InlineData("""{ "runs": [ 7 ] }""", "runs[0] is a JSON number, not an object")]
    [InlineData("""{ "runs": [ { "results": [ { "ruleId": 5 } ] } ] }""", "'ruleId' in runs[0].results[0] is a JSON number, not a string")]
    [InlineData("""{ "runs": [ { "results": [ { "ruleId": "AZSEC301", "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "A.cs" }, "region": { "startLine": "7" } } } ] } ] } ] }""", "'startLine' in runs[0].results[0].locations[0].physicalLocation.region is a JSON string, not a number")]
    [InlineData("""{ "version": "3.0.0", "runs": [] }""", "SARIF version 3.0.0 is not supported")]
    public void Baseline_OfTheWrongShape_IsRefusedInOneLine_ExitTwo(string json, string reason)
    {
        using var sandbox = new CliSandbox();
        var project = sandbox.Project("App", restore: false);
        File.WriteAllText(sandbox.PathOf("baseline.sarif"), json);

        var run = AzsecTool.RunIn(sandbox.Root, project, "--baseline", "baseline.sarif");

        AssertOneLineError(run, "azsec: cannot read the baseline 'baseline.sarif': " + reason);
    }

    [Theory]
    [InlineData("folder", "it is a folder")]
    [InlineData("file-as-parent", "is a file, not a folder")]
    [InlineData("read-only-file", "it is read-only")]
    [InlineData("read-only-folder", "is read-only")]
    public void Output_ThatCannotBeWritten_IsRefusedBeforeTheScan(string kind, string reason)
    {
        // azsec runs as root here, which the file system lets write anywhere: a file or folder without any write
        // bit is refused by azsec's own check (it honours the read-only mark as it would the ReadOnly attribute).
        using var sandbox = new CliSandbox();
        var project = sandbox.Project("App", restore: false);
        var output = kind switch
        {
            "folder" => Directory.CreateDirectory(sandbox.PathOf("report.sarif")).FullName,
            "file-as-parent" => Path.Combine(Touch(sandbox.PathOf("reports")), "report.sarif"),
            "read-only-file" => ReadOnly(Touch(sandbox.PathOf("report.sarif"))),
            _ => Path.Combine(ReadOnly(Directory.CreateDirectory(sandbox.PathOf("reports")).FullName), "report.sarif"),
        };

        var run = AzsecTool.RunIn(sandbox.Root, project, "--format", "sarif", "--output", output);

        // The project is not restored: had azsec scanned before checking, the output would say so.
        AssertOneLineError(run, $"azsec: cannot write the report to '{output}': ");
        Assert.Contains(reason, run.Output, StringComparison.Ordinal);
        if (kind == "read-only-file")
        {
            Assert.Equal(string.Empty, File.ReadAllText(output));
        }
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("binary")]
    [InlineData("merge-conflict")]
    public void MalformedSlnx_IsRefusedInOneLine_ExitTwo(string kind)
    {
        using var sandbox = new CliSandbox();
        sandbox.Project("App", restore: false);
        var solution = sandbox.PathOf("App.slnx");
        var complete = "<Solution>\n  <Project Path=\"App/App.csproj\" />\n</Solution>\n";
        switch (kind)
        {
            case "truncated":
                File.WriteAllText(solution, complete[..25]);
                break;
            case "binary":
                File.WriteAllBytes(solution, Enumerable.Range(0, 512).Select(i => (byte)(i * 37 % 256)).ToArray());
                break;
            default:
                File.WriteAllText(solution, "<Solution>\n<<<<<<< HEAD\n  <Project Path=\"App/App.csproj\" />\n=======\n  <Project Path=\"Other/Other.csproj\" />\n>>>>>>> feature\n</Solution>\n");
                break;
        }

        var run = AzsecTool.RunIn(sandbox.Root, "App.slnx");

        AssertOneLineError(run, "azsec: 'App.slnx' is not a valid .slnx solution: ");
    }

    [Theory]
    [InlineData("folder")]
    [InlineData("project")]
    public void ExcludeEverything_SaysSoInOneMessage_WithOneExitCode(string target)
    {
        using var sandbox = new CliSandbox();
        var project = sandbox.Project("App", restore: true, CliSandbox.Bypass("Carrier"));
        var path = target == "folder" ? sandbox.Root : project;

        var run = AzsecTool.RunIn(sandbox.Root, path, "--exclude", "**");

        AssertOneLineError(run, $"azsec: nothing to scan: --exclude excludes every project of '{path}'.");
    }

    private static void AssertOneLineError(AzSecAnalyzers.Tests.Packaging.DotNetCli.Result run, string start)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith(start, run.Output, StringComparison.Ordinal);
        Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Touch(string path)
    {
        File.WriteAllText(path, string.Empty);
        return path;
    }

    private static string ReadOnly(string path)
    {
        File.SetUnixFileMode(path, Directory.Exists(path) ? (UnixFileMode)0b101_101_101 : (UnixFileMode)0b100_100_100);
        return path;
    }
}
