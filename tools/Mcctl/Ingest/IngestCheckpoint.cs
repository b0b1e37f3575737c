using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MultiCluster.Mcctl.Ingest;

/// <summary>
/// How far an ingest of one file into one library got: the rows the Orchestrator acknowledged (upserts with wait, so
/// written), and the file's size and time, so a resume never skips rows of a file that changed since. Kept in
/// ~/.mcctl/ingest (or $MCCTL_HOME/ingest) rather than beside the input, which may be read-only (a dataset package).
/// </summary>
internal sealed record IngestCheckpoint(string File, string Library, long Length, DateTime LastWriteUtc, long RowsAcknowledged)
{
    public static string Directory => Path.Combine(
        Environment.GetEnvironmentVariable("MCCTL_HOME") is { Length: > 0 } home ? home : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".mcctl"),
        "ingest");

    /// <summary>A checkpoint at 0 rows for the file as it is now.</summary>
    public static IngestCheckpoint Start(string file, string library)
    {
        var info = new FileInfo(file);
        return new IngestCheckpoint(info.FullName, library, info.Length, info.LastWriteTimeUtc, 0);
    }

    public static string PathFor(string file, string library)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(file) + "\n" + library)))[..16];
        return Path.Combine(Directory, $"{Sanitized(library)}-{key}.json");
    }

    public static IngestCheckpoint? Load(string file, string library)
    {
        var path = PathFor(file, library);
        return System.IO.File.Exists(path) ? JsonSerializer.Deserialize<IngestCheckpoint>(System.IO.File.ReadAllText(path)) : null;
    }

    /// <summary>Whether the file is still the one this checkpoint counted rows of.</summary>
    public bool Matches(IngestCheckpoint current) => current.Length == Length && current.LastWriteUtc == LastWriteUtc;

    /// <summary>Writes it through a temporary file and a rename, so a kill mid-write leaves the previous checkpoint whole.</summary>
    public void Save()
    {
        var path = PathFor(File, Library);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        System.IO.File.WriteAllText(temporary, JsonSerializer.Serialize(this));
        System.IO.File.Move(temporary, path, overwrite: true);
    }

    private static string Sanitized(string library) => new(library.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
