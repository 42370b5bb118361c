namespace AzSecAnalyzers.Cli;

internal static class Paths
{
    // As Linux's MAXSYMLINKS: a loop of links ends in an IOException rather than an endless walk.
    private const int MaxLinkDepth = 40;

    private static readonly StringComparer Comparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Compares paths as the file system does.</summary>
    public static StringComparer PathComparer => Comparer;

    /// <summary>The path relative to <paramref name="root"/>, with forward slashes.</summary>
    public static string Relative(string root, string path)
        => Path.GetRelativePath(root, Path.GetFullPath(path, root)).Replace(Path.DirectorySeparatorChar, '/');

    public static bool IsUnder(string root, string path)
    {
        var relative = Path.GetRelativePath(root, Path.GetFullPath(path));
        return !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    public static bool Same(string? a, string? b)
        => a is not null && b is not null && Comparer.Equals(Path.GetFullPath(a), Path.GetFullPath(b));

    /// <summary>
    /// The path with every symbolic link in it (the file itself and each parent folder) resolved to its final
    /// target, as the operating system would follow them when writing. Parts that do not exist are kept as given.
    /// </summary>
    public static string RealPath(string path) => RealPath(path, depth: 0);

    private static string RealPath(string path, int depth)
    {
        if (depth > MaxLinkDepth)
        {
            throw new IOException($"Too many levels of symbolic links under '{path}'.");
        }

        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;

        for (var i = 0; i < parts.Length; i++)
        {
            current = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is null)
            {
                continue;
            }

            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null)
            {
                continue;
            }

            // The final target may itself sit under linked folders: resolve it again, then go on with the rest.
            current = RealPath(target.FullName, depth + 1);
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/>, links resolved, is inside <paramref name="root"/>, links resolved.</summary>
    public static bool IsReallyUnder(string root, string path)
    {
        try
        {
            return IsUnder(RealPath(root), RealPath(path));
        }
        catch (IOException)
        {
            return false; // a link loop or a vanished link: not provably inside
        }
    }
}
