namespace MultiCluster.Specialization.Placement;

/// <summary>Where a domain is now, as the routing table says: its primary and the other clusters holding a copy.</summary>
public sealed record CurrentPlacement(string DomainId, string Primary, IReadOnlyList<string> Replicas);
