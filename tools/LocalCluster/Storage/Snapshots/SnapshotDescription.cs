namespace MultiCluster.LocalCluster.Storage.Snapshots;

/// <summary>A stored snapshot as Qdrant lists it: file name, creation time (UTC), size and SHA-256 checksum.</summary>
public sealed record SnapshotDescription(string Name, DateTime CreationTime, long Size, string Checksum);
