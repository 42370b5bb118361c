using System.Reflection;
using AzSecAnalyzers.Tests.Meta;
using AzSecAnalyzers.Tests.Packaging;

namespace AzSecAnalyzers.Tests.Cli;

/// <summary>
/// Runs the built `azsec` tool out of process (`dotnet azsec.dll …`): it hosts Roslyn 5.12 and
/// MSBuildWorkspace, which cannot share a process with the tests' Roslyn 4.8.
/// </summary>
internal static class AzsecTool
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static string ToolPath { get; } = Metadata("AzsecToolPath");

    public static string SarifSchemaPath { get; } = Metadata("SarifSchemaPath");

    public static string Sample(string app) => Path.Combine(TestPaths.RepositoryRoot, "samples", app, app + ".csproj");

    public static DotNetCli.Result RunIn(string workingDirectory, params string[] arguments)
    {
        Assert.True(File.Exists(ToolPath), $"The azsec tool was not built at {ToolPath}");
        return DotNetCli.Run(workingDirectory, Timeout, new[] { ToolPath }.Concat(arguments).ToArray());
    }

    public static DotNetCli.Result Run(params string[] arguments) => RunIn(TestPaths.RepositoryRoot, arguments);

    /// <summary>A fresh temporary folder for one test's files.</summary>
    public static string TempFolder() => Directory.CreateTempSubdirectory("azsec-cli-").FullName;

    private static string Metadata(string key)
        => typeof(AzsecTool).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

/// <summary>One SARIF scan of samples/InsecureApp, shared by the tests that read it.</summary>
public sealed class InsecureAppScan : IDisposable
{
    public InsecureAppScan()
    {
        Folder = AzsecTool.TempFolder();
        SarifPath = Path.Combine(Folder, "insecure.sarif");
        Result = AzsecTool.Run(AzsecTool.Sample("InsecureApp"), "--format", "sarif", "--output", SarifPath);
    }

    public string Folder { get; }

    public string SarifPath { get; }

    public DotNetCli.Result Result { get; }

    public string Sarif
    {
        get
        {
            Assert.True(File.Exists(SarifPath), "No SARIF written: " + Result);
            return File.ReadAllText(SarifPath);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
