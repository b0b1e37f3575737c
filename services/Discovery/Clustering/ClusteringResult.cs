namespace MultiCluster.Discovery.Clustering;

/// <summary>What a strategy found.</summary>
/// <param name="Labels">Cluster of each row, in row order; <see cref="Unassigned"/> for noise.</param>
/// <param name="Centroids">One row per cluster (mean of its members).</param>
/// <param name="Inertia">Sum of squared distances of assigned rows to their centroid.</param>
/// <param name="Iterations">Iterations (or merges) of the run kept.</param>
/// <param name="Resolved">The options actually used: chosen k, estimated epsilon, seed.</param>
public sealed record ClusteringResult(int[] Labels, VectorSet Centroids, double Inertia, int Iterations, StrategyOptions Resolved)
{
    public const int Unassigned = -1;

    public int ClusterCount => Centroids.Count;

    /// <summary>For hierarchical results: index of each cluster's parent in <see cref="ParentCentroids"/>; null when flat.</summary>
    public int[]? ParentOf { get; init; }

    /// <summary>For streaming results: the updated centroids and weights, to pass as <see cref="StreamingOptions.Previous"/> next time; null otherwise.</summary>
    public StreamingModel? Model { get; init; }

    /// <summary>Centroids of the parent clusters <see cref="ParentOf"/> points into.</summary>
    public VectorSet? ParentCentroids { get; init; }
}
