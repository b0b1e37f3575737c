namespace MultiCluster.LocalCluster.Storage;

/// <summary>What a write reports: its sequence number and whether it was waited for (applied and on disk).</summary>
public sealed record UpdateResult(ulong OperationId, bool Completed);
