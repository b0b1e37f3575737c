namespace MultiCluster.Discovery.Domains;

/// <summary>Queries one domain received in one load window, as a "cluster.load" event reported them.</summary>
public sealed record DomainLoadSample(string DomainId, DateTimeOffset WindowStart, TimeSpan Window, ulong QueryCount);
