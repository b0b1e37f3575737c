namespace MultiCluster.Discovery.Storage;

/// <summary>Queries one domain of a library received on one cluster in one reporter's load window.</summary>
public sealed record DomainLoadRow(string Library, string DomainId, string Cluster, string Reporter, DateTimeOffset WindowStart, TimeSpan Window, ulong QueryCount);
