namespace MultiCluster.Shared;

/// <summary>
/// Files that are either wholly old or wholly new after a crash: written beside the target, flushed to disk, renamed
/// over it, and the directory flushed so the rename itself survives a power cut.
/// </summary>
internal static class DurableFile
{
    /// <summary>
    /// Replaces <paramref name="path"/> with what <paramref name="write"/> writes. With <paramref name="unixCreateMode"/>
    /// the file is created with that mode (say owner-only, for a file holding keys); ignored on Windows.
    /// </summary>
    public static void WriteAtomically(string path, Action<Stream> write, UnixFileMode? unixCreateMode = null)
    {
        var temporary = path + ".tmp";

        // A temp file left by a crash keeps whatever mode it had, and opening it would not apply the mode asked for:
        // start from a new file.
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (unixCreateMode is { } mode && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw;
        }

        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public static void WriteAllBytesAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        WriteAtomically(path, stream => stream.Write(copy));
    }
}
