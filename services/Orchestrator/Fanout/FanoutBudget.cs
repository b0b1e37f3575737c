namespace MultiCluster.Orchestrator.Fanout;

/// <summary>
/// The limits of one fan-out: the request's deadline, when to hedge (zero: after the cluster's recent p95, when it has
/// one), and the breaker settings of the library.
/// </summary>
public sealed record FanoutBudget(DateTimeOffset Deadline, TimeSpan HedgeAfter, int FailureThreshold, TimeSpan BreakDuration);
