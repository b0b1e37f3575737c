namespace MultiCluster.Clusters;

/// <summary>A page of points in id order and where the next page starts.</summary>
/// <param name="Points">The points of this page.</param>
/// <param name="NextOffset">Id to pass as the next request's Offset; null when this was the last page.</param>
public sealed record ScrollPage(IReadOnlyList<PointRecord> Points, string? NextOffset);
