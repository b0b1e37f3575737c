using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace MultiCluster.Clusters.Configuration;

/// <summary>
/// Reads config/clusters.yaml into raw values. Walks YamlDotNet's untyped tree instead of binding a class, so an
/// unknown or misspelt key is reported by its path with the keys that are allowed, not as a reflection error.
/// </summary>
internal static class ClusterFileReader
{
    public static readonly string[] TopLevelKeys = ["default_cluster", "retry", "clusters"];

    public static readonly string[] ClusterKeys = ["name", "url", "grpc_url", "region", "capacity_points", "capacity_bytes", "timeout_ms", "snapshot_timeout_ms", "degraded_latency_ms", "degraded_memory_bytes", "draining", "api_key_env"];

    public static readonly string[] RetryKeys = ["max_retries", "base_delay_ms", "max_delay_ms"];

    /// <summary>
    /// Reads clusters.yaml, or with <paramref name="keysAllowed"/> the run-time overrides file (JSON, which is YAML),
    /// the one file that may hold API keys because only the service writes it, with owner-only permissions.
    /// </summary>
    public static RawClusterConfiguration Read(string yaml, bool keysAllowed = false)
    {
        var raw = new RawClusterConfiguration();
        object? root;
        try
        {
            root = new DeserializerBuilder().Build().Deserialize<object?>(yaml);
        }
        catch (YamlException e)
        {
            raw.Problems.Add($"line {e.Start.Line}, column {e.Start.Column}: not valid YAML ({e.Message})");
            return raw;
        }

        if (root is null)
        {
            return raw;
        }

        if (root is not Dictionary<object, object?> top)
        {
            raw.Problems.Add("(top level): expected a mapping with keys " + string.Join(", ", TopLevelKeys));
            return raw;
        }

        foreach (var (key, value) in top)
        {
            switch (Text(key))
            {
                case "default_cluster":
                    raw.DefaultCluster = Scalar(value, "default_cluster", raw.Problems);
                    break;
                case "retry":
                    ReadMapping(value, "retry", RetryKeys, raw.Retry, raw.Problems);
                    break;
                case "clusters":
                    ReadClusters(value, raw, keysAllowed);
                    break;
                default:
                    raw.Problems.Add($"{Text(key)}: unknown key (expected one of {string.Join(", ", TopLevelKeys)})");
                    break;
            }
        }

        return raw;
    }

    private static void ReadClusters(object? value, RawClusterConfiguration raw, bool keysAllowed)
    {
        if (value is null)
        {
            return;
        }

        if (value is not List<object?> items)
        {
            raw.Problems.Add("clusters: expected a list of clusters, each a mapping with name and url");
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var cluster = new RawCluster($"clusters[{i}]");
            if (!keysAllowed && items[i] is Dictionary<object, object?> entry && entry.Keys.Any(k => Text(k) == "api_key"))
            {
                // The file is committed to the repository: a key written there leaks to everyone who can read it.
                raw.Problems.Add($"clusters[{i}].api_key: API keys are never read from this file; set the environment variable CLUSTERS__<NAME>__API_KEY (name upper-cased, '-' as '_') or name a variable in api_key_env");
                entry.Remove(entry.Keys.First(k => Text(k) == "api_key"));
            }

            ReadMapping(items[i], cluster.Label, keysAllowed ? [.. ClusterKeys, "api_key"] : ClusterKeys, cluster.Fields, raw.Problems);
            raw.Clusters.Add(cluster);
        }
    }

    private static void ReadMapping(object? value, string path, string[] allowed, Dictionary<string, RawValue> into, List<string> problems)
    {
        if (value is null)
        {
            return;
        }

        if (value is not Dictionary<object, object?> mapping)
        {
            problems.Add($"{path}: expected a mapping with keys {string.Join(", ", allowed)}");
            return;
        }

        foreach (var (key, item) in mapping)
        {
            var name = Text(key);
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                problems.Add($"{path}.{name}: unknown key (expected one of {string.Join(", ", allowed)})");
                continue;
            }

            if (Scalar(item, $"{path}.{name}", problems) is { } scalar)
            {
                into[name] = scalar;
            }
        }
    }

    private static RawValue? Scalar(object? value, string key, List<string> problems)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return new RawValue(text, key);
            default:
                problems.Add($"{key}: expected a single value, not a list or mapping");
                return null;
        }
    }

    private static string Text(object? key) => Convert.ToString(key, CultureInfo.InvariantCulture) ?? "";
}
