namespace MultiCluster.Storage.Redis;

/// <summary>
/// What XAUTOCLAIM took over: the entries now owned by the claiming consumer, where to continue the scan
/// ("0-0" when the pending list was scanned to its end), and the ids that were pending but no longer exist.
/// </summary>
public sealed record AutoClaimResult(string NextStart, IReadOnlyList<StreamEntry> Entries, IReadOnlyList<string> DeletedIds);
