namespace MultiCluster.Storage.Redis;

/// <summary>An entry delivered to a consumer and not yet acknowledged (a row of XPENDING's extended form).</summary>
public sealed record PendingEntry(string Id, string Consumer, TimeSpan Idle, long Deliveries);
