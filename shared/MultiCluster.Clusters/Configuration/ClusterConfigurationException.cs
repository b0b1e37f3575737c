namespace MultiCluster.Clusters.Configuration;

/// <summary>
/// The cluster configuration is wrong; thrown at start so no service runs half-configured. Each problem names the
/// key (file path like "clusters[1].url" or the environment variable) and the form it expects.
/// </summary>
public sealed class ClusterConfigurationException : Exception
{
    public ClusterConfigurationException(string source, IReadOnlyList<string> problems)
        : base($"Invalid cluster configuration ({source}):{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", problems)}")
    {
        Problems = problems;
    }

    /// <summary>Each problem on its own, "key: what is wrong (expected form)".</summary>
    public IReadOnlyList<string> Problems { get; }
}
