using System.Collections.Immutable;
using AzSecAnalyzers.Infrastructure.ConfigFiles;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Cli;

/// <summary>
/// What the package's buildTransitive targets do in a build, for repositories that do not reference
/// the package: a project's configuration files (<c>appsettings*.json</c>, <c>local.settings.json</c>,
/// <c>secrets.json</c>, <c>*.config</c>, <c>*.publishsettings</c>) become additional texts, so AZSEC104
/// reads them. Files the project already has as AdditionalFiles are not added twice.
/// </summary>
internal static class ConfigurationFileTexts
{
    private static readonly string[] SkippedFolders = { "bin", "obj", "node_modules", ".git", ".vs" };

    public static AnalyzerOptions WithConfigurationFiles(Project project, IReadOnlyList<Glob> excludes, string root)
    {
        var options = project.AnalyzerOptions;
        if (project.FilePath is not { } projectFile || Path.GetDirectoryName(projectFile) is not { } folder)
        {
            return options;
        }

        var present = new HashSet<string>(
            options.AdditionalFiles.Select(file => Path.GetFullPath(file.Path)),
            OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var added = ImmutableArray.CreateBuilder<AdditionalText>();
        foreach (var path in Find(folder, isProjectFolder: true))
        {
            if (present.Add(Path.GetFullPath(path)) && !excludes.Any(g => g.IsPathOrParentMatch(Paths.Relative(root, path))))
            {
                if (IsTooLong(path))
                {
                    // The analyzer skips such a file in a build too; here the reviewer is told, rather than left to assume it was clean.
                    Console.Error.WriteLine($"azsec: note: {Paths.Relative(root, path)} is not read for secrets (AZSEC104): it is over 16 Mi characters.");
                    continue;
                }

                added.Add(new FileText(path));
            }
        }

        return added.Count == 0 ? options : options.WithAdditionalFiles(options.AdditionalFiles.AddRange(added));
    }

    /// <summary>Configuration files under <paramref name="folder"/>, not descending into build output or into another project's folder.</summary>
    private static IEnumerable<string> Find(string folder, bool isProjectFolder)
    {
        string[] files;
        string[] folders;
        try
        {
            if (!isProjectFolder && Directory.EnumerateFiles(folder, "*.csproj").Any())
            {
                yield break;
            }

            files = Directory.GetFiles(folder);
            folders = Directory.GetDirectories(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var file in files.Where(f => ConfigurationFiles.Classify(f) != ConfigurationFileKind.None).OrderBy(f => f, StringComparer.Ordinal))
        {
            yield return file;
        }

        foreach (var sub in folders.OrderBy(f => f, StringComparer.Ordinal))
        {
            if (SkippedFolders.Contains(Path.GetFileName(sub), StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var file in Find(sub, isProjectFolder: false))
            {
                yield return file;
            }
        }
    }

    /// <summary>Longer than AZSEC104 reads; the text is decoded only for a file whose size in bytes already exceeds the limit.</summary>
    private static bool IsTooLong(string path)
    {
        try
        {
            if (new FileInfo(path).Length <= ConfigurationFiles.MaxLength)
            {
                return false;
            }

            using var stream = File.OpenRead(path);
            return SourceText.From(stream).Length > ConfigurationFiles.MaxLength;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A configuration file read lazily from disk (the analyzer decides from the name first).</summary>
    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default)
        {
            try
            {
                using var stream = File.OpenRead(Path);
                return SourceText.From(stream);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
