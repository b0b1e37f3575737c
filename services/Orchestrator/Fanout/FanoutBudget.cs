namespace MultiCluster.Orchestrator.Fanout;

/// <summary>
/// The limits of one fan-out: the request's deadline, when to hedge (null: after the cluster's recent p95, when it has
/// one; zero: never), and the breaker settings of the library.
/// </summary>
public sealed record FanoutBudget(DateTimeOffset Deadline, TimeSpan? HedgeAfter, int FailureThreshold, TimeSpan BreakDuration);
