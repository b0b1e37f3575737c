using Microsoft.Extensions.Configuration;

namespace MultiCluster.Clusters.Configuration;

/// <summary>
/// Loads the clusters every service talks to: the YAML file, then environment overrides by cluster name, then
/// validation. Which file: the path in CLUSTERS_FILE (relative to the working directory) when set; else
/// config/clusters.yaml in the working directory when it exists; else the copy of the repository's
/// config/clusters.yaml built into this assembly (three local clusters), so a service started anywhere still runs.
/// </summary>
public static class ClusterConfigurationLoader
{
    /// <summary>Configuration key (environment variable) holding the path of the YAML file.</summary>
    public const string FileKey = "CLUSTERS_FILE";

    /// <summary>Where the file is looked for when <see cref="FileKey"/> is not set.</summary>
    public const string DefaultPath = "config/clusters.yaml";

    private const string BuiltInResource = "MultiCluster.Clusters.clusters.yaml";

    /// <summary>Loads and validates; throws <see cref="ClusterConfigurationException"/> listing every problem.</summary>
    public static VectorClustersOptions Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var (yaml, source) = ReadFile(configuration);
        return Parse(yaml, source, configuration, OverridesFile(configuration));
    }

    /// <summary>
    /// Parses YAML text, applies the overrides in <paramref name="configuration"/>, then the clusters changed at run
    /// time (<paramref name="overrides"/>, each replacing the cluster of its name whole), and validates.
    /// </summary>
    public static VectorClustersOptions Parse(string yaml, string source, IConfiguration configuration, ClusterOverridesFile? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var raw = ClusterFileReader.Read(yaml);
        EnvironmentOverrides.Apply(configuration, raw);
        if (overrides?.Read() is { } changed)
        {
            ApplyRunTimeChanges(raw, changed);
            source += $", {overrides.Path}";
        }

        var problems = new List<string>();
        var options = ClusterConfigurationValidator.Validate(raw, configuration, problems);
        return options ?? throw new ClusterConfigurationException($"{source} and environment overrides", problems);
    }

    /// <summary>The run-time overrides file <see cref="ClusterOverridesFile.PathKey"/> names; null when it is not set.</summary>
    public static ClusterOverridesFile? OverridesFile(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[ClusterOverridesFile.PathKey] is { Length: > 0 } path ? new ClusterOverridesFile(path) : null;
    }

    private static void ApplyRunTimeChanges(RawClusterConfiguration raw, RawClusterConfiguration changed)
    {
        raw.Problems.AddRange(changed.Problems);
        foreach (var cluster in changed.Clusters)
        {
            var name = cluster.Fields.TryGetValue("name", out var value) ? value.Text : null;
            var index = raw.Clusters.FindIndex(c => c.Fields.TryGetValue("name", out var n) && n.Text == name);
            if (index < 0)
            {
                raw.Clusters.Add(cluster);
            }
            else
            {
                raw.Clusters[index] = cluster;
            }
        }

        raw.DefaultCluster = changed.DefaultCluster ?? raw.DefaultCluster;
    }

    private static (string Yaml, string Source) ReadFile(IConfiguration configuration)
    {
        if (configuration[FileKey] is { Length: > 0 } path)
        {
            if (!File.Exists(path))
            {
                throw new ClusterConfigurationException(path, [$"{FileKey}: '{path}' does not exist (expected the path of a clusters.yaml, absolute or relative to {Environment.CurrentDirectory})"]);
            }

            return (File.ReadAllText(path), path);
        }

        if (File.Exists(DefaultPath))
        {
            return (File.ReadAllText(DefaultPath), Path.GetFullPath(DefaultPath));
        }

        using var stream = typeof(ClusterConfigurationLoader).Assembly.GetManifestResourceStream(BuiltInResource)
            ?? throw new InvalidOperationException($"The built-in {DefaultPath} is missing from {typeof(ClusterConfigurationLoader).Assembly.GetName().Name}; rebuild the project.");
        using var reader = new StreamReader(stream);
        return (reader.ReadToEnd(), $"built-in {DefaultPath}");
    }
}
