namespace MultiCluster.Clusters.Configuration;

/// <summary>A configuration value as text, with the key it came from ("clusters[1].url" or an environment variable).</summary>
internal readonly record struct RawValue(string Text, string Key);

/// <summary>One cluster's settings before validation, from the file and the environment.</summary>
internal sealed class RawCluster(string label)
{
    /// <summary>How messages name this entry when its name is unknown: "clusters[1]" or "CLUSTERS__EU_1".</summary>
    public string Label { get; } = label;

    /// <summary>How messages name a field of this entry that has no value: "clusters[1].url" or "CLUSTERS__EU_1__URL".</summary>
    public string KeyFor(string field) => Label.StartsWith(EnvironmentOverrides.Section + "__", StringComparison.Ordinal)
        ? $"{Label}__{field.ToUpperInvariant()}"
        : $"{Label}.{field}";

    /// <summary>Fields by their file name (url, region, ...), each with the key it came from.</summary>
    public Dictionary<string, RawValue> Fields { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Settings before validation. Everything is text so the file and the environment go through one validator and
/// every message can name the key a value came from.
/// </summary>
internal sealed class RawClusterConfiguration
{
    public List<RawCluster> Clusters { get; } = [];

    public RawValue? DefaultCluster { get; set; }

    public Dictionary<string, RawValue> Retry { get; } = new(StringComparer.Ordinal);

    /// <summary>Problems found while reading (unknown keys, wrong shapes), reported with the validator's.</summary>
    public List<string> Problems { get; } = [];
}
