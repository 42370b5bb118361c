namespace AzSecAnalyzers.Cli;

/// <summary>
/// Whether azsec may write a file or create one in a folder, asked before anything is written. Two checks:
/// the file system's own answer (an open for writing that writes nothing, or a probe file that is deleted
/// on close), and the read-only mark (no write bit for anyone on Unix, the ReadOnly attribute on Windows),
/// which azsec honours even when it runs as root or administrator and the file system would let it write.
/// </summary>
internal static class Writability
{
    private const UnixFileMode AnyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Why an existing file cannot be rewritten, or <c>null</c>.</summary>
    public static string? FileRefusal(string path)
    {
        try
        {
            if (OperatingSystem.IsWindows() ? File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly) : (File.GetUnixFileMode(path) & AnyWrite) == 0)
            {
                return "it is read-only";
            }

            // Opening for writing without truncating changes nothing, but fails where a write would.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return "permission denied";
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }

    /// <summary>Why no file can be created in an existing folder, or <c>null</c>.</summary>
    public static string? FolderRefusal(string folder)
    {
        try
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(folder) & AnyWrite) == 0)
            {
                return $"the folder '{folder}' is read-only";
            }

            var probe = Path.Combine(folder, $".azsec-write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"permission denied in the folder '{folder}'";
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }
}
