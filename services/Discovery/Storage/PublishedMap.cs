using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Storage;

/// <summary>A published map with its place in the global order of stored maps.</summary>
public sealed record PublishedMap(long Position, DomainMap Map);
