using System.Text;
using System.Text.Json.Nodes;

namespace AzSecAnalyzers.Tests.Cli;

/// <summary>
/// What `azsec --fix` may write: nothing outside the scanned folder once links are resolved, nothing read-only,
/// and no byte of a legacy-encoded file outside the span a fix changes. Every refusal is reported per file.
/// </summary>
// Links and file modes are the Unix side of these guarantees.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "EndToEnd")]
public class AzsecFixSafetyTests
{
    [Fact]
    public void Fix_ThroughASymlinkedFileOrFolder_WritesNothingOutsideTheScannedFolder()
    {
        using var sandbox = new CliSandbox();
        var outside = Directory.CreateDirectory(sandbox.PathOf("outside/shared")).FullName;
        File.WriteAllText(sandbox.PathOf("outside/Linked.cs"), CliSandbox.Bypass("Linked").Item2);
        File.WriteAllText(Path.Combine(outside, "Inner.cs"), CliSandbox.Bypass("Inner").Item2);
        var project = sandbox.Project("App", restore: true, CliSandbox.Bypass("Carrier"));
        File.CreateSymbolicLink(sandbox.PathOf("App/Linked.cs"), "../outside/Linked.cs");
        Directory.CreateSymbolicLink(sandbox.PathOf("App/Shared"), outside);
        var before = File.ReadAllText(sandbox.PathOf("outside/Linked.cs"));

        var run = AzsecTool.RunIn(sandbox.Root, project, "--fix", "--rules", "AZSEC301");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(before, File.ReadAllText(sandbox.PathOf("outside/Linked.cs")));
        Assert.Equal(CliSandbox.Bypass("Inner").Item2, File.ReadAllText(Path.Combine(outside, "Inner.cs")));
        Assert.Contains("not writing Linked.cs: it is a symbolic link", run.Output, StringComparison.Ordinal);
        Assert.Contains("not writing Shared/Inner.cs: it is a symbolic link", run.Output, StringComparison.Ordinal);

        // The file that is really inside is fixed, and the links are still links.
        Assert.DoesNotContain("ServerCertificateCustomValidationCallback", File.ReadAllText(sandbox.PathOf("App/Carrier.cs")), StringComparison.Ordinal);
        Assert.NotNull(new FileInfo(sandbox.PathOf("App/Linked.cs")).LinkTarget);
    }

    [Fact]
    public void Fix_ReadOnlyFile_IsCheckedBeforeAnyWrite_AndReportedByName()
    {
        // As root the file system would let azsec write a 0444 file; azsec refuses it by its mode bits.
        using var sandbox = new CliSandbox();
        var project = sandbox.Project("App", restore: true, CliSandbox.Bypass("Carrier"), CliSandbox.Bypass("Locked"));
        var locked = sandbox.PathOf("App/Locked.cs");
        var before = File.ReadAllText(locked);
        File.SetUnixFileMode(locked, (UnixFileMode)0b100_100_100);

        var json = sandbox.PathOf("fix.json");
        var run = AzsecTool.RunIn(sandbox.Root, project, "--fix", "--rules", "AZSEC301", "--format", "json", "--output", json);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("not writing Locked.cs: it is read-only", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", run.Output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(locked));
        var report = JsonNode.Parse(File.ReadAllText(json))!;
        Assert.Equal(new[] { "Carrier.cs" }, report["fixed"]!.AsArray().Select(f => (string)f!["path"]!));
        Assert.Equal(new[] { "Locked.cs" }, report["findings"]!.AsArray().Select(f => (string)f!["path"]!));
    }

    [Fact]
    public void Fix_Windows1252File_KeepsEveryByteOutsideTheFixedSpan()
    {
        using var sandbox = new CliSandbox();
        var comment = "// Café crème, Straße: Windows-1252 text the fix must keep\n";
        var source = comment + CliSandbox.Bypass("Legacy").Item2.Replace("\r\n", "\n", StringComparison.Ordinal);
        var project = sandbox.Project("App", restore: true);
        var file = sandbox.PathOf("App/Legacy.cs");
        File.WriteAllBytes(file, Encoding.Latin1.GetBytes(source));

        var run = AzsecTool.RunIn(sandbox.Root, project, "--fix", "--rules", "AZSEC301");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Legacy.cs: 1 × AZSEC301", run.Output, StringComparison.Ordinal);
        var after = File.ReadAllBytes(file);
        Assert.Equal(Encoding.Latin1.GetBytes(comment), after[..comment.Length]);
        Assert.DoesNotContain("ServerCertificateCustomValidationCallback", Encoding.Latin1.GetString(after), StringComparison.Ordinal);

        // Only the fixed member changed: what is left is the original with the initializer removed.
        var expected = source.Replace(
            "new HttpClientHandler\n    {\n        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,\n    };",
            "new HttpClientHandler();",
            StringComparison.Ordinal);
        Assert.Equal(Encoding.Latin1.GetBytes(expected), after);
    }
}
