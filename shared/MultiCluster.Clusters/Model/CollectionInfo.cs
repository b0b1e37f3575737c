namespace MultiCluster.Clusters;

/// <summary>A collection as the cluster describes it: its effective settings and its size now.</summary>
/// <param name="Spec">Settings in effect, with the cluster's defaults filled in.</param>
/// <param name="Status">Optimisation state.</param>
/// <param name="PointsCount">Points stored; approximate on a real cluster (use CountAsync for an exact figure).</param>
/// <param name="IndexedVectorsCount">Vectors already in the HNSW index; the rest are searched exhaustively.</param>
/// <param name="SegmentsCount">Storage segments of the collection.</param>
public sealed record CollectionInfo(
    CollectionSpec Spec,
    CollectionStatus Status,
    long PointsCount,
    long IndexedVectorsCount,
    int SegmentsCount)
{
    public string Name => Spec.Name;
}
