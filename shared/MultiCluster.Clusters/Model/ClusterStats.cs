namespace MultiCluster.Clusters;

/// <summary>Size of one collection, as counted for cluster totals.</summary>
/// <param name="Name">Collection name.</param>
/// <param name="PointsCount">Points stored (the cluster's approximate figure).</param>
/// <param name="ApproximateBytes">Estimated bytes of vector storage (see <see cref="ClusterStats"/>).</param>
public sealed record CollectionStats(string Name, long PointsCount, long ApproximateBytes);

/// <summary>
/// Totals of a cluster. Qdrant's REST API reports no sizes, so bytes are estimated from what it does report:
/// points x vector size x 4 bytes (float32), plus 1 byte per dimension when int8 quantization keeps a second copy.
/// Payloads and indexes are not counted; treat the figure as a floor, good for comparing clusters.
/// </summary>
public sealed record ClusterStats(
    string Cluster,
    int CollectionCount,
    long PointsCount,
    long ApproximateBytes,
    IReadOnlyList<CollectionStats> Collections);
