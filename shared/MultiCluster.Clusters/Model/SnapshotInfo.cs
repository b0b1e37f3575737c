namespace MultiCluster.Clusters;

/// <summary>A snapshot of one collection stored on the cluster.</summary>
/// <param name="Name">File name, unique per collection.</param>
/// <param name="CreatedAt">When it was taken (UTC), when the cluster says.</param>
/// <param name="SizeBytes">Size of the snapshot file.</param>
/// <param name="Checksum">SHA-256 of the file, when the cluster computed one; pass it to a recover to verify the transfer.</param>
public sealed record SnapshotInfo(string Name, DateTimeOffset? CreatedAt, long SizeBytes, string? Checksum);
