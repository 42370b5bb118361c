using System.Xml.Linq;
using AzSecAnalyzers.Tests.Meta;
using AzSecAnalyzers.Tests.Verifiers;

namespace AzSecAnalyzers.Tests.Packaging;

/// <summary>
/// Packs the AzSecAnalyzers package once into a temporary folder feed and prepares a throw-away
/// net8.0 consumer that references it by version. Consumers restore offline: their only sources are
/// that feed and the packages `dotnet restore` already brought (the test project pre-downloads the
/// net8.0 reference pack), into a private packages folder so no stale copy of the package is used.
/// </summary>
public sealed class PackedPackageFixture : IDisposable
{
    public const string PackageVersion = "0.1.0-e2e";

    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    public PackedPackageFixture()
    {
        Root = Directory.CreateTempSubdirectory("azsec-e2e-").FullName;
        Feed = Path.Combine(Root, "feed");
        Packages = Path.Combine(Root, "packages");
        Directory.CreateDirectory(Feed);

        var project = Path.Combine(TestPaths.RepositoryRoot, "src", "AzSecAnalyzers.Package", "AzSecAnalyzers.Package.csproj");
        PackResult = DotNetCli.Run(
            TestPaths.RepositoryRoot,
            CommandTimeout,
            "pack", project, "-c", "Release", "-o", Feed, $"-p:Version={PackageVersion}", "-nodeReuse:false");
        PackagePath = Path.Combine(Feed, $"AzSecAnalyzers.{PackageVersion}.nupkg");
        _toolPack = new Lazy<DotNetCli.Result>(PackTool);
        _toolInstall = new Lazy<DotNetCli.Result>(InstallTool);
    }

    public const string ToolPackageId = "AzSecAnalyzers.Cli";

    private readonly Lazy<DotNetCli.Result> _toolPack;
    private readonly Lazy<DotNetCli.Result> _toolInstall;

    /// <summary>The `azsec` .NET tool package, packed into the same feed on first use only.</summary>
    public string ToolPackagePath
    {
        get
        {
            var pack = _toolPack.Value;
            var path = Path.Combine(Feed, $"{ToolPackageId}.{PackageVersion}.nupkg");
            Assert.True(File.Exists(path), "Packing the tool failed: " + pack);
            return path;
        }
    }

    /// <summary>
    /// The `azsec` command, installed with `dotnet tool install --tool-path` from the feed as a user
    /// would, offline: the install's only package source is the feed (a tool package carries its dependencies).
    /// </summary>
    public string InstalledTool
    {
        get
        {
            var install = _toolInstall.Value;
            var command = Path.Combine(Root, "tools", OperatingSystem.IsWindows() ? "azsec.exe" : "azsec");
            Assert.True(install.ExitCode == 0 && File.Exists(command), "Installing the tool failed: " + install);
            return command;
        }
    }

    private DotNetCli.Result PackTool()
    {
        var project = Path.Combine(TestPaths.RepositoryRoot, "src", "AzSecAnalyzers.Cli", "AzSecAnalyzers.Cli.csproj");
        return DotNetCli.Run(
            TestPaths.RepositoryRoot,
            CommandTimeout,
            "pack", project, "-c", "Release", "-o", Feed, $"-p:Version={PackageVersion}", "-nodeReuse:false");
    }

    private DotNetCli.Result InstallTool()
    {
        _ = ToolPackagePath;
        var config = Path.Combine(Root, "tool-nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="e2e-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        return DotNetCli.Run(
            Root,
            CommandTimeout,
            "tool", "install", ToolPackageId, "--tool-path", Path.Combine(Root, "tools"), "--version", PackageVersion,
            "--add-source", Feed, "--configfile", config);
    }

    public string Root { get; }

    public string Feed { get; }

    public string Packages { get; }

    public string PackagePath { get; }

    public DotNetCli.Result PackResult { get; }

    /// <summary>A fresh copy of the consumer project, restored and ready to build.</summary>
    public string CreateConsumer(string name, string? editorConfig = null)
    {
        Assert.True(File.Exists(PackagePath), "Packing failed: " + PackResult);

        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), ConsumerSources.Project);
        File.WriteAllText(Path.Combine(directory, "Insecure.cs"), ConsumerSources.Insecure);
        File.WriteAllText(Path.Combine(directory, "Suppressed.cs"), ConsumerSources.Suppressed);
        File.WriteAllText(Path.Combine(directory, "Secret.cs"), ConsumerSources.Secret);
        ConfigureAndRestore(directory, editorConfig);
        return directory;
    }

    private void ConfigureAndRestore(string directory, string? editorConfig)
    {
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="e2e-feed" value="{Feed}" />
                <add key="restored-packages" value="{TestReferences.NuGetPackageRoot}" />
              </packageSources>
            </configuration>
            """);
        if (editorConfig is not null)
        {
            File.WriteAllText(Path.Combine(directory, ".editorconfig"), "root = true\n\n[*.cs]\n" + editorConfig + "\n");
        }

        var restore = DotNetCli.Run(directory, CommandTimeout, "restore", "--packages", Packages, "-nodeReuse:false");
        Assert.True(restore.ExitCode == 0, $"Restore of {directory} failed: {restore}");
    }

    /// <summary>
    /// A copy of <c>samples/InsecureApp</c> that references the packed package by version instead of
    /// the analyzer projects, as a user's app would, restored and ready for a build or a language server.
    /// </summary>
    public string CreateSampleCopy(string name, string? editorConfig = null)
    {
        Assert.True(File.Exists(PackagePath), "Packing failed: " + PackResult);

        var source = Path.Combine(TestPaths.RepositoryRoot, "samples", "InsecureApp");
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal) || relative.EndsWith(".csproj", StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(directory, relative))!);
            File.Copy(file, Path.Combine(directory, relative));
        }

        // The sample's package references, with the versions central package management gives them.
        var versions = XDocument.Load(Path.Combine(TestPaths.RepositoryRoot, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        var references = XDocument.Load(Path.Combine(source, "InsecureApp.csproj")).Descendants("PackageReference")
            .Select(e => (string)e.Attribute("Include")!)
            .Select(id => $"""    <PackageReference Include="{id}" Version="{versions[id]}" />""");
        File.WriteAllText(Path.Combine(directory, "InsecureApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AzSecAnalyzers" Version="{PackageVersion}" PrivateAssets="all" />
            {string.Join(Environment.NewLine, references)}
              </ItemGroup>
            </Project>
            """);

        // The language server is a .NET tool from the repository's manifest; the copy carries the manifest too.
        Directory.CreateDirectory(Path.Combine(directory, ".config"));
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, ".config", "dotnet-tools.json"), Path.Combine(directory, ".config", "dotnet-tools.json"));
        ConfigureAndRestore(directory, editorConfig);
        return directory;
    }

    public static DotNetCli.Result Build(string consumer, params string[] extraArguments)
        => DotNetCli.Run(consumer, CommandTimeout, new[] { "build", "--no-restore", "-nodeReuse:false", "-clp:NoSummary" }.Concat(extraArguments).ToArray());

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>The end-to-end test classes share one packed package (and run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackageCollection : ICollectionFixture<PackedPackageFixture>
{
    public const string Name = "Packed package";
}
