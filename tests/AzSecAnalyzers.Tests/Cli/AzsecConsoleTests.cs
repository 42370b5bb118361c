using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using AzSecAnalyzers.Tests.Meta;

namespace AzSecAnalyzers.Tests.Cli;

/// <summary>
/// The `azsec` command line as System.CommandLine and Spectre.Console shape it: help, response files, unknown
/// options with a suggestion, colours only on a terminal and never with NO_COLOR, and the periodic progress
/// line on a redirected standard error. Terminals are real: a pseudo-terminal from util-linux `script`.
/// </summary>
[Trait("Category", "EndToEnd")]
public class AzsecConsoleTests(AzsecConsoleTests.RedirectedScan redirected) : IClassFixture<AzsecConsoleTests.RedirectedScan>
{
    private const char Escape = '\u001b';

    [Fact]
    public void Help_ListsEveryOptionWithItsAliases_AndTheNotes_AndExitsZero()
    {
        foreach (var help in new[] { "--help", "-h", "-?" })
        {
            var run = Run(new[] { help });
            Assert.True(run.ExitCode == 0, run.ToString());
            foreach (var option in new[] { "-f, --format <format>", "-o, --output <file>", "--severity-threshold <severity>", "--rules <patterns>", "--exclude <globs>", "--fix", "--baseline <sarif>", "--version", "-?, -h, --help", "<path>" })
            {
                Assert.Contains(option, run.StandardOutput, StringComparison.Ordinal);
            }

            foreach (var note in new[] { "Exit codes: 0", "response file", "NO_COLOR", "AZSEC_PROGRESS_INTERVAL", "Examples:" })
            {
                Assert.Contains(note, run.StandardOutput, StringComparison.Ordinal);
            }

            Assert.Empty(run.StandardError);
        }
    }

    [Fact]
    public void ResponseFile_SuppliesThePathAndTheOptions_CommentsIgnored()
    {
        var folder = AzsecTool.TempFolder();
        try
        {
            // Stops before loading anything: the path from the file is rejected (the comment line is not a path).
            var missingPath = Path.Combine(folder, "path.rsp");
            File.WriteAllText(missingPath, "# the solution to scan\nnot-here.sln\n--rules AZSEC1*\n");
            var run = Run(new[] { "@" + missingPath });
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Equal("azsec: 'not-here.sln' does not exist.", run.StandardError.Trim());

            // InsecureApp has an AZSEC301 warning: exit code 0 only if the threshold in the file was applied.
            var scan = Path.Combine(folder, "scan.rsp");
            File.WriteAllText(scan, $"\"{AzsecTool.Sample("InsecureApp")}\"\n--rules AZSEC301 --severity-threshold none\n");
            run = Run(new[] { "@" + scan });
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("AZSEC301", run.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("AZSEC302", run.StandardOutput, StringComparison.Ordinal);

            run = Run(new[] { "@" + Path.Combine(folder, "absent.rsp") });
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.StartsWith("azsec: ", run.StandardError, StringComparison.Ordinal);
            Assert.Contains("absent.rsp", run.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--formt", "--format")]
    [InlineData("--fromat=json", "--format")]
    [InlineData("--exlude", "--exclude")]
    [InlineData("--fixx", "--fix")]
    [InlineData("--basline", "--baseline")]
    public void UnknownOption_ExitsTwo_WithOneLineAndASuggestion(string typo, string meant)
    {
        var run = Run(new[] { typo, "json" });
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.StandardOutput);
        var name = typo.Split('=')[0];
        Assert.Equal($"azsec: Unknown option '{name}'. Did you mean '{meant}'? Run azsec --help for the list.", run.StandardError.TrimEnd());
    }

    [Fact]
    public void UnrelatedOption_ExitsTwo_WithoutAGuess()
    {
        var run = Run(new[] { "--frobnicate" });
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("azsec: Unknown option '--frobnicate'. Run azsec --help for the list.", run.StandardError.TrimEnd());
    }

    [Fact]
    public void RedirectedOutput_IsPlainText_InTheDocumentedLayout()
    {
        Assert.True(redirected.Result.ExitCode == 1, redirected.Result.ToString());
        Assert.DoesNotContain(Escape, redirected.Result.StandardOutput);
        Assert.DoesNotContain(Escape, redirected.Result.StandardError);
        var lines = redirected.Result.StandardOutput.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines.IndexOf("Rule      Error  Warning  Info  Total");
        Assert.True(header >= 0, redirected.Result.StandardOutput);
        Assert.Equal("--------  -----  -------  ----  -----", lines[header + 1]);
        Assert.Equal("AZSEC301      0        1     0      1", lines[header + 2]);
        Assert.Contains("  Program.cs:21:9: warning: 'HttpClientHandler.ServerCertificateCustomValidationCallback' accepts every server certificate; remove the override so the platform validates the certificate chain and host name", lines);
    }

    [Fact]
    public void RedirectedStandardError_GetsAPeriodicProgressLine_NamingTheProjectAndItsCount()
    {
        var progress = redirected.Result.StandardError.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.Contains(progress, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^azsec: still working after \d+m\d\ds: \[1/1\] Loading InsecureApp\.csproj"));
        Assert.Contains(progress, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^azsec: still working after \d+m\d\ds: \[1/1\] Analyzing InsecureApp$"));
        Assert.All(progress, l => Assert.StartsWith("azsec: still working after ", l, StringComparison.Ordinal));
        Assert.DoesNotContain("still working", redirected.Result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void OnATerminal_TheReportIsColoured_AndProgressIsDrawn_ButNoColorGivesTheRedirectedTextExactly()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return; // the pseudo-terminal comes from util-linux `script`
        }

        Assert.True(File.Exists(Script), $"{Script} (util-linux) is needed to give the tool a terminal");
        var coloured = OnTerminal(noColor: false, stderrToFile: false);
        Assert.True(coloured.ExitCode == 1, coloured.ToString());
        Assert.Contains(Escape + "[1mAZSEC301" + Escape + "[0m", coloured.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("╭", coloured.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Analyzing InsecureApp", coloured.StandardOutput, StringComparison.Ordinal);

        var plain = OnTerminal(noColor: true, stderrToFile: true);
        Assert.True(plain.ExitCode == 1, plain.ToString());
        var text = WithoutRuntimeKeypadMode(plain.StandardOutput);
        Assert.DoesNotContain(Escape, text);
        Assert.Equal(redirected.Result.StandardOutput, text.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    /// <summary>
    /// The .NET runtime itself, not the tool, switches a terminal's keypad to application mode (terminfo smkx) the
    /// first time a console app writes to it; any .NET program on a terminal starts its output with it.
    /// </summary>
    private static string WithoutRuntimeKeypadMode(string output)
    {
        var keypad = Escape + "[?1h" + Escape + "=";
        return output.StartsWith(keypad, StringComparison.Ordinal) ? output[keypad.Length..] : output;
    }

    private static readonly string[] ScanArguments = { AzsecTool.Sample("InsecureApp"), "--rules", "AZSEC30*" };

    private const string Script = "/usr/bin/script";

    /// <summary>
    /// The tool with standard output (and, unless sent to a file, standard error) on a pseudo-terminal. Standard
    /// input stays off the terminal so the runtime sends it no keypad set-up sequence of its own.
    /// </summary>
    private static ConsoleRun OnTerminal(bool noColor, bool stderrToFile)
    {
        var folder = AzsecTool.TempFolder();
        try
        {
            var error = Path.Combine(folder, "stderr.txt");
            var command = new StringBuilder("dotnet");
            foreach (var argument in new[] { AzsecTool.ToolPath }.Concat(ScanArguments))
            {
                command.Append(" '").Append(argument.Replace("'", "'\\''", StringComparison.Ordinal)).Append('\'');
            }

            command.Append(" </dev/null");
            if (stderrToFile)
            {
                command.Append(" 2>'").Append(error).Append('\'');
            }

            var environment = new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["NO_COLOR"] = noColor ? "1" : null };
            var run = Start(Script, environment, "-qec", command.ToString(), "/dev/null");
            return run with { StandardError = File.Exists(error) ? File.ReadAllText(error) : run.StandardError };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ConsoleRun Run(string[] arguments, Dictionary<string, string?>? environment = null)
        => Start("dotnet", environment ?? new Dictionary<string, string?>(), new[] { AzsecTool.ToolPath }.Concat(arguments).ToArray());

    public sealed record ConsoleRun(int ExitCode, string StandardOutput, string StandardError)
    {
        public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
    }

    /// <summary>Like DotNetCli, isolated from the test host's MSBuild, but with its own environment and separate streams.</summary>
    private static ConsoleRun Start(string fileName, Dictionary<string, string?> environment, params string[] arguments)
    {
        Assert.True(File.Exists(AzsecTool.ToolPath), $"The azsec tool was not built at {AzsecTool.ToolPath}");
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = TestPaths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase) || key.Equals("NO_COLOR", StringComparison.Ordinal)
                || key.Equals(ProgressInterval, StringComparison.Ordinal))
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(AzsecTool.Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {AzsecTool.Timeout}");
        }

        return new ConsoleRun(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    private const string ProgressInterval = "AZSEC_PROGRESS_INTERVAL";

    /// <summary>One redirected text scan of InsecureApp's transport rules, with a progress line every 0.3 s.</summary>
    public sealed class RedirectedScan
    {
        public ConsoleRun Result { get; } = Run(ScanArguments, new Dictionary<string, string?> { [ProgressInterval] = "0.3" });
    }
}
