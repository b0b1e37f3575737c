using System.Globalization;
using System.Security.Cryptography;
using MultiCluster.LocalCluster.Storage.Catalog;
using MultiCluster.Shared;

namespace MultiCluster.LocalCluster.Storage.Snapshots;

/// <summary>
/// User snapshots under <c>snapshots/{collection}/</c>: each a state file (configuration and every point at one
/// sequence number, CRC-checked) named like Qdrant's, with its SHA-256 in a <c>.checksum</c> file beside it.
/// They outlive the collection, so a dropped collection can be recovered from one.
/// </summary>
public sealed class SnapshotStore(string dataDirectory)
{
    private const string Extension = ".snapshot";
    private readonly string _root = Path.Combine(Path.GetFullPath(dataDirectory), "snapshots");

    public SnapshotDescription Create(VectorCollection collection)
    {
        var directory = Path.Combine(_root, collection.Name);
        Directory.CreateDirectory(directory);
        var created = DateTime.UtcNow;
        var name = string.Create(CultureInfo.InvariantCulture, $"{collection.Name}-{Random.Shared.NextInt64(1L << 52):D16}-{created:yyyy-MM-dd-HH-mm-ss}{Extension}");
        var path = Path.Combine(directory, name);
        DurableFile.WriteAtomically(path, collection.WriteState);
        var checksum = Sha256(path);
        DurableFile.WriteAllBytesAtomically(path + ".checksum", System.Text.Encoding.ASCII.GetBytes(checksum));
        return new SnapshotDescription(name, created, new FileInfo(path).Length, checksum);
    }

    public IReadOnlyList<SnapshotDescription> List(string collection)
    {
        var directory = Path.Combine(_root, collection);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return [.. Directory.GetFiles(directory, "*" + Extension)
            .Select(path => new FileInfo(path))
            .OrderBy(file => file.Name, StringComparer.Ordinal)
            .Select(file => new SnapshotDescription(file.Name, file.LastWriteTimeUtc, file.Length, ReadChecksum(file.FullName)))];
    }

    /// <summary>The file of a snapshot; not found when the collection has no snapshot of that name.</summary>
    public string PathOf(string collection, string snapshot)
    {
        var path = Path.Combine(_root, collection, snapshot);
        if (CollectionName.Problem(snapshot) is not null || !snapshot.EndsWith(Extension, StringComparison.Ordinal) || !File.Exists(path))
        {
            throw StorageException.NotFound($"Snapshot {snapshot} not found");
        }

        return path;
    }

    public bool Delete(string collection, string snapshot)
    {
        var path = PathOf(collection, snapshot);
        File.Delete(path);
        File.Delete(path + ".checksum");
        return true;
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string ReadChecksum(string path) =>
        File.Exists(path + ".checksum") ? File.ReadAllText(path + ".checksum").Trim() : Sha256(path);
}
