namespace MultiCluster.Clusters.Qdrant.Wire;

/// <summary>GET / result (OpenAPI: VersionInfo).</summary>
internal sealed record WireVersionInfo
{
    public string Title { get; init; } = "";

    public string Version { get; init; } = "";
}
