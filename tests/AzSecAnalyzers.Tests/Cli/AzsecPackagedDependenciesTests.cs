using System.IO.Compression;
using AzSecAnalyzers.Tests.Packaging;

namespace AzSecAnalyzers.Tests.Cli;

/// <summary>
/// The libraries the command line is drawn with ship inside the tool package (a .NET tool carries its
/// dependencies) and load from an installed tool: help comes from System.CommandLine, the report from Spectre.Console.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public class AzsecPackagedDependenciesTests(PackedPackageFixture package)
{
    [Fact]
    public void ToolPackage_BundlesSystemCommandLineAndSpectreConsole()
    {
        using var archive = ZipFile.OpenRead(package.ToolPackagePath);
        var entries = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
        Assert.Contains("tools/net10.0/any/System.CommandLine.dll", entries);
        Assert.Contains("tools/net10.0/any/Spectre.Console.dll", entries);
    }

    [Fact]
    public void InstalledTool_PrintsHelp_AndRejectsATypoWithASuggestion()
    {
        var help = DotNetCli.RunProgram(package.InstalledTool, package.Root, PackedPackageFixture.CommandTimeout, "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("--severity-threshold <severity>", help.Output, StringComparison.Ordinal);

        var typo = DotNetCli.RunProgram(package.InstalledTool, package.Root, PackedPackageFixture.CommandTimeout, "--fixx");
        Assert.True(typo.ExitCode == 2, typo.ToString());
        Assert.Contains("Did you mean '--fix'?", typo.Output, StringComparison.Ordinal);
    }
}
