namespace MultiCluster.ServiceDefaults.Health;

/// <summary>What /readyz answers, as JSON.</summary>
public sealed record ReadinessReport(bool Ready, string Status, IReadOnlyList<ReadinessCheckResult> Checks);

/// <summary>One readiness check's answer.</summary>
public sealed record ReadinessCheckResult(string Name, string Status, string? Description, double DurationMs);
