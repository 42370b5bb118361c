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
        Assert.True(restore.ExitCode == 0, "Restore of the consumer failed: " + restore);
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
