namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// How close a vector is to one domain of the map: <paramref name="Closeness"/> orders domains (the negated distance
/// of NearestDomain, the rule Discovery assigns points by: higher is closer, and the first domain is where an upsert of
/// this vector goes) and
/// <paramref name="Cosine"/> is the cosine similarity the contract reports to people.
/// </summary>
public sealed record DomainScore(string DomainId, double Closeness, double Cosine, ulong PointCount);
