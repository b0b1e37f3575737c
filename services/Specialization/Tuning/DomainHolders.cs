namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// Where a domain's copies are: the clusters holding its collection, and the clusters that did not answer when asked
/// (by name, with what went wrong), which may hold a copy nobody can reach now.
/// </summary>
public sealed record DomainHolders(IReadOnlyList<string> Clusters, IReadOnlyDictionary<string, string> Unreachable);
