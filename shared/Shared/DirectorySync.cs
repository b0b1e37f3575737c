using System.Runtime.InteropServices;

namespace MultiCluster.Shared;

/// <summary>
/// Flushes a directory's entries (creations, renames, deletions) to disk. A file written beside its target and renamed
/// over it is durable only once its directory is flushed: before, a power cut can bring back the previous file.
/// Compiled into each project that needs it (linked source), so that no project depends on another for four lines.
/// </summary>
internal static partial class DirectorySync
{
    /// <summary>Best effort: a file system that cannot flush directories (or Windows, which needs none) is left as is.</summary>
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(directory, 0); // O_RDONLY
        if (fd < 0)
        {
            return;
        }

        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
