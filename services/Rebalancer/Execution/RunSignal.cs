using MultiCluster.ServiceDefaults.Watching;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>Wakes this process's executor and watchers when a run or one of its moves has been stored.</summary>
public sealed class RunSignal : ChangeSignal;
