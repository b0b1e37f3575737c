using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Tuning;

/// <summary>A request to change a domain's collection settings (UpdateClusterConfiguration, in the logic's terms).</summary>
/// <param name="Library">Library of the domain.</param>
/// <param name="DomainId">Domain whose collection changes.</param>
/// <param name="Cluster">Only the copy on this cluster; null for every copy.</param>
/// <param name="Settings">New values.</param>
/// <param name="Mask">Field names of <paramref name="Settings"/> to set; empty for every non-zero field.</param>
public sealed record ConfigurationChange(string Library, string DomainId, string? Cluster, CollectionSettings Settings, IReadOnlyList<string> Mask);
