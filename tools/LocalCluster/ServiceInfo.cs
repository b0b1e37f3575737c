namespace MultiCluster.LocalCluster;

/// <summary>
/// What the node says it is. It reports the Qdrant version whose REST API it follows, so version checks in
/// Qdrant's clients pass; the commit field says it is the LocalCluster stand-in.
/// </summary>
public static class ServiceInfo
{
    public const string Title = "qdrant - vector search engine";
    public const string Version = "1.18.0";
    public const string Commit = "localcluster";
}
