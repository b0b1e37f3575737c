namespace MultiCluster.Orchestrator.Fanout;

/// <summary>
/// One list to fetch: a search of <paramref name="Collection"/> on <paramref name="Cluster"/>, or on one of
/// <paramref name="Alternates"/> (other copies, in order) when it is slow or fails. <paramref name="Source"/> labels
/// the list for fusion; <paramref name="DomainIds"/> are the domains whose results it carries.
/// </summary>
public sealed record FanoutTarget(
    string Source,
    IReadOnlyList<string> DomainIds,
    string Collection,
    string Cluster,
    IReadOnlyList<string> Alternates,
    Clusters.SearchRequest Request);
