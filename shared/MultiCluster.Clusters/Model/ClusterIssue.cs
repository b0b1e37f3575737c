namespace MultiCluster.Clusters;

/// <summary>One thing a health probe found wrong.</summary>
/// <param name="Code">Stable identifier for alerting: see <see cref="ClusterIssueCodes"/>.</param>
/// <param name="Message">What is wrong and what to do, for a person.</param>
public sealed record ClusterIssue(string Code, string Message);
