using System.Text.Json;
using MultiCluster.Shared;

namespace MultiCluster.Clusters.Configuration;

/// <summary>
/// Where clusters changed at run time (SetClusterConfig) are kept, so a restart does not lose them: a JSON file at
/// the path in <see cref="PathKey"/>, read at start after clusters.yaml and the environment (an entry replaces the
/// cluster of its name whole; a default chosen at run time replaces default_cluster) and rewritten on each change.
/// It holds API keys, so it is written owner-only (0600) and replaced atomically: a crash mid-write leaves the
/// previous file, never half of one. One file per service: each service writes its own view whole.
/// </summary>
public sealed class ClusterOverridesFile(string path)
{
    /// <summary>Configuration key (environment variable) holding the path; unset means run-time changes are refused.</summary>
    public const string PathKey = "CLUSTERS_OVERRIDES_FILE";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>
    /// The clusters and default the file holds, every key and problem prefixed with the file's path so a start that
    /// fails on it says which file to fix; null when there is no file yet.
    /// </summary>
    internal RawClusterConfiguration? Read()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var unreadable = new RawClusterConfiguration();
            unreadable.Problems.Add($"{Path}: cannot be read ({e.Message}); make it readable by the service's user, or unset {PathKey} to start without run-time changes");
            return unreadable;
        }

        var raw = ClusterFileReader.Read(text, keysAllowed: true);
        for (var i = 0; i < raw.Problems.Count; i++)
        {
            raw.Problems[i] = $"{Path}: {raw.Problems[i]}";
        }

        foreach (var cluster in raw.Clusters)
        {
            foreach (var (field, value) in cluster.Fields.ToList())
            {
                cluster.Fields[field] = value with { Key = $"{Path}: {value.Key}" };
            }
        }

        raw.DefaultCluster = raw.DefaultCluster is { } defaultCluster ? defaultCluster with { Key = $"{Path}: {defaultCluster.Key}" } : null;
        return raw;
    }

    /// <summary>
    /// Names of the clusters the file holds, the default cluster it names (null when none was chosen at run time), and
    /// what makes it unreadable (empty when it reads).
    /// </summary>
    internal (IReadOnlyList<string> Names, string? DefaultCluster, IReadOnlyList<string> Problems) ReadChanged()
    {
        var raw = Read();
        if (raw is null)
        {
            return ([], null, []);
        }

        var names = raw.Clusters.Select(c => c.Fields.TryGetValue("name", out var name) ? name.Text : null).OfType<string>().ToList();
        return (names, raw.DefaultCluster?.Text, raw.Problems);
    }

    /// <summary>
    /// Replaces the file with <paramref name="clusters"/> and, when not null, the default cluster, durably: temp file
    /// flushed to disk, renamed over the file, directory flushed.
    /// </summary>
    public void Write(IEnumerable<ClusterOptions> clusters, string? defaultCluster)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        DurableFile.WriteAtomically(Path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            WriteDocument(json, clusters, defaultCluster);
        }, OwnerOnly);
    }

    private static void WriteDocument(Utf8JsonWriter json, IEnumerable<ClusterOptions> clusters, string? defaultCluster)
    {
        json.WriteStartObject();
        if (defaultCluster is not null)
        {
            json.WriteString("default_cluster", defaultCluster);
        }

        json.WriteStartArray("clusters");
        foreach (var cluster in clusters)
        {
            json.WriteStartObject();
            json.WriteString("name", cluster.Name);
            json.WriteString("url", cluster.Url.ToString());
            if (cluster.GrpcUrl is { } grpcUrl)
            {
                json.WriteString("grpc_url", grpcUrl.ToString());
            }
            if (cluster.ApiKey is { Length: > 0 } key)
            {
                json.WriteString("api_key", key);
            }

            json.WriteString("region", cluster.Region);
            json.WriteNumber("capacity_points", cluster.CapacityPoints);
            json.WriteNumber("capacity_bytes", cluster.CapacityBytes);
            json.WriteNumber("timeout_ms", (long)cluster.Timeout.TotalMilliseconds);
            json.WriteNumber("snapshot_timeout_ms", (long)cluster.SnapshotTimeout.TotalMilliseconds);
            if (cluster.DegradedLatency is { } latency)
            {
                json.WriteNumber("degraded_latency_ms", (long)latency.TotalMilliseconds);
            }

            json.WriteNumber("degraded_memory_bytes", cluster.DegradedMemoryBytes);
            json.WriteBoolean("draining", cluster.Draining);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
