using MultiCluster.ServiceDefaults.Watching;

namespace MultiCluster.Orchestrator.Snapshots;

/// <summary>Fires when any library's snapshot changed (a new routing version or map, a library added or dropped).</summary>
public sealed class SnapshotSignal : ChangeSignal;
