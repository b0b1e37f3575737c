using MultiCluster.Clusters;

namespace MultiCluster.Specialization.Migrating;

/// <summary>One page of the source, numbered in reading order, and the scroll offset after it.</summary>
/// <param name="Sequence">0 for the first page read in this run of the copy.</param>
/// <param name="Points">The page's points, with vectors and payloads.</param>
/// <param name="NextOffset">Offset of the next page; null after the last page.</param>
public sealed record CopyBatch(long Sequence, IReadOnlyList<PointRecord> Points, string? NextOffset);
