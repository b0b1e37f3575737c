using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Tuning;

/// <summary>What tuning knows of one collection copy: its size, its settings now and its cluster's latest load.</summary>
/// <param name="Points">Points stored.</param>
/// <param name="Dimension">Vector dimension.</param>
/// <param name="Current">Settings in effect (hnsw_ef from the placement, 0 when it has none).</param>
/// <param name="Load">Latest load of the cluster, null when none was reported.</param>
public sealed record CollectionFacts(long Points, int Dimension, CollectionSettings Current, ClusterLoad? Load);
