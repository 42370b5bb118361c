using AzSecAnalyzers.Tests.Packaging;

namespace AzSecAnalyzers.Tests.Cli;

/// <summary>A temporary folder of small projects for one `azsec` test, deleted afterwards (links and modes first).</summary>
// Links and file modes are the Unix side of these guarantees.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class CliSandbox : IDisposable
{
    public const string CertificateBypass = """
        using System.Net.Http;

        public static class {0}
        {
            public static HttpClientHandler Handler() => new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            };
        }
        """;

    public CliSandbox()
    {
        Root = AzsecTool.TempFolder();

        // Readable by every user, for the test that runs azsec as an unprivileged one.
        File.SetUnixFileMode(Root, (UnixFileMode)0b111_101_101);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>A project at <paramref name="folder"/>/<paramref name="folder"/>.csproj with the given sources; restored when asked.</summary>
    public string Project(string folder, bool restore, params (string Name, string Text)[] sources)
    {
        var directory = PathOf(folder);
        Directory.CreateDirectory(directory);
        var project = Path.Combine(directory, Path.GetFileName(folder) + ".csproj");
        File.WriteAllText(project, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
            </Project>
            """);
        foreach (var (name, text) in sources)
        {
            File.WriteAllText(Path.Combine(directory, name), text);
        }

        if (restore)
        {
            var run = DotNetCli.Run(Root, AzsecTool.Timeout, "restore", project);
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        return project;
    }

    /// <summary>A class named <paramref name="name"/> that turns certificate validation off (AZSEC301, which has a fix).</summary>
    public static (string, string) Bypass(string name) => (name + ".cs", CertificateBypass.Replace("{0}", name, StringComparison.Ordinal));

    public void Dispose()
    {
        try
        {
            // Links are removed, never followed (one may loop, or point outside); what is locked is unlocked.
            var folders = new Stack<string>();
            folders.Push(Root);
            while (folders.Count > 0)
            {
                var folder = folders.Pop();
                File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
                foreach (var entry in Directory.GetFileSystemEntries(folder))
                {
                    var info = new FileInfo(entry);
                    if (info.LinkTarget is not null)
                    {
                        info.Delete();
                    }
                    else if (Directory.Exists(entry))
                    {
                        folders.Push(entry);
                    }
                    else
                    {
                        File.SetUnixFileMode(entry, (UnixFileMode)0b110_110_110);
                    }
                }
            }

            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
