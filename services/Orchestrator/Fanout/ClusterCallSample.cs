namespace MultiCluster.Orchestrator.Fanout;

/// <summary>One finished call to a cluster: when, how long, and how it ended.</summary>
public readonly record struct ClusterCallSample(long At, double Milliseconds, bool Failed, bool TimedOut, bool Hedged);
