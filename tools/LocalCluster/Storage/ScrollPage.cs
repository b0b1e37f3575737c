namespace MultiCluster.LocalCluster.Storage;

/// <summary>A page of points and the id the next page starts at (null on the last page).</summary>
public sealed record ScrollPage(IReadOnlyList<RetrievedPoint> Points, PointId? NextOffset);
