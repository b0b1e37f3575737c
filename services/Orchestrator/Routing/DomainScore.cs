namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// How close a vector is to one domain of the map: <paramref name="Closeness"/> orders domains (higher is closer; the
/// same rule Discovery assigns points by, so the first domain is where an upsert of this vector goes) and
/// <paramref name="Cosine"/> is the cosine similarity the contract reports to people.
/// </summary>
public sealed record DomainScore(string DomainId, double Closeness, double Cosine, ulong PointCount);
