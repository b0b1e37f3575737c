using MultiCluster.Shared;

namespace MultiCluster.LocalCluster.Storage.Durability;

/// <summary>
/// Files that are either wholly old or wholly new after a crash: written beside the target, flushed to disk,
/// renamed over it, and the directory flushed so the rename itself survives a power cut.
/// </summary>
internal static class DurableFile
{
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public static void WriteAllBytesAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        WriteAtomically(path, stream => stream.Write(copy));
    }
}
