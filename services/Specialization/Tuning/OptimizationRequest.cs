using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Tuning;

/// <summary>OptimizeClusterConfig in the logic's terms.</summary>
/// <param name="Library">Library whose collections are tuned.</param>
/// <param name="DomainIds">Domains to tune; empty for all.</param>
/// <param name="Cluster">Only collections on this cluster; null for every cluster.</param>
/// <param name="Strategy">Strategy; unspecified for the library's policy.</param>
/// <param name="Apply">Apply the recommendations, not only report them.</param>
public sealed record OptimizationRequest(string Library, IReadOnlyList<string> DomainIds, string? Cluster, OptimizationStrategy Strategy, bool Apply);
