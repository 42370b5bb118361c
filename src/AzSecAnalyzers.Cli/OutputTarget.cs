namespace AzSecAnalyzers.Cli;

/// <summary>
/// <c>--output</c>: checked before the scan, so a report that cannot be written never costs a whole scan,
/// and written with one clear error if the file system changes its mind in between.
/// </summary>
internal static class OutputTarget
{
    /// <summary>Why the report cannot be written to <paramref name="file"/>, or <c>null</c> when it can.</summary>
    public static string? Check(string file)
    {
        string full;
        try
        {
            full = Path.GetFullPath(file);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return e.Message;
        }

        if (Directory.Exists(full))
        {
            return "it is a folder";
        }

        if (File.Exists(full))
        {
            return Writability.FileRefusal(full);
        }

        // The folders that do not exist yet are created at write time: the nearest one that does must accept files.
        var parent = Path.GetDirectoryName(full);
        while (parent is not null && !Directory.Exists(parent))
        {
            if (File.Exists(parent))
            {
                return $"'{parent}' is a file, not a folder";
            }

            parent = Path.GetDirectoryName(parent);
        }

        return parent is null ? "no folder on its path exists" : Writability.FolderRefusal(parent);
    }

    /// <summary>Writes the report; <c>null</c> on success, else why it failed.</summary>
    public static string? Write(string file, string content)
    {
        try
        {
            var full = Path.GetFullPath(file);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
