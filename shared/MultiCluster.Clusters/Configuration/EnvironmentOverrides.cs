using Microsoft.Extensions.Configuration;

namespace MultiCluster.Clusters.Configuration;

/// <summary>
/// Applies overrides by cluster name: CLUSTERS__&lt;NAME&gt;__&lt;FIELD&gt;, where NAME is the cluster name upper-cased with
/// '-' written '_' (names never contain '_', so the mapping is exact) and FIELD one of <see cref="Fields"/>.
/// An override for a name the file lacks adds that cluster (it then needs URL). CLUSTERS_DEFAULT replaces
/// default_cluster. By name rather than by index because an index silently retargets when the file is reordered.
/// Read through IConfiguration: in every host the environment is one of its sources ("__" becomes ":").
/// </summary>
internal static class EnvironmentOverrides
{
    public const string Section = "CLUSTERS";
    public const string DefaultClusterKey = "CLUSTERS_DEFAULT";

    /// <summary>Environment field name to file field name. API_KEY exists only here: keys never live in the file.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["URL"] = "url",
        ["GRPC_URL"] = "grpc_url",
        ["REGION"] = "region",
        ["CAPACITY_POINTS"] = "capacity_points",
        ["CAPACITY_BYTES"] = "capacity_bytes",
        ["TIMEOUT_MS"] = "timeout_ms",
        ["SNAPSHOT_TIMEOUT_MS"] = "snapshot_timeout_ms",
        ["DEGRADED_LATENCY_MS"] = "degraded_latency_ms",
        ["DEGRADED_MEMORY_BYTES"] = "degraded_memory_bytes",
        ["DRAINING"] = "draining",
        ["API_KEY"] = "api_key",
        ["API_KEY_ENV"] = "api_key_env",
    };

    public static void Apply(IConfiguration configuration, RawClusterConfiguration raw)
    {
        if (configuration[DefaultClusterKey] is { Length: > 0 } defaultCluster)
        {
            raw.DefaultCluster = new RawValue(defaultCluster, DefaultClusterKey);
        }

        foreach (var clusterSection in configuration.GetSection(Section).GetChildren())
        {
            var envName = clusterSection.Key.ToUpperInvariant();
            var name = clusterSection.Key.ToLowerInvariant().Replace('_', '-');
            var cluster = raw.Clusters.Find(c => c.Fields.TryGetValue("name", out var n) && n.Text == name);
            if (cluster is null)
            {
                cluster = new RawCluster($"{Section}__{envName}");
                cluster.Fields["name"] = new RawValue(name, $"{Section}__{envName}");
                raw.Clusters.Add(cluster);
            }

            foreach (var field in clusterSection.GetChildren())
            {
                var key = $"{Section}__{envName}__{field.Key.ToUpperInvariant()}";
                if (!Fields.TryGetValue(field.Key, out var fileField))
                {
                    raw.Problems.Add($"{key}: unknown field '{field.Key}' (expected one of {string.Join(", ", Fields.Keys)})");
                    continue;
                }

                if (field.Value is not null)
                {
                    cluster.Fields[fileField] = new RawValue(field.Value, key);
                }
            }
        }
    }
}
