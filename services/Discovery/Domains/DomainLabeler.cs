using MultiCluster.Contracts.V1;
using static System.FormattableString;

namespace MultiCluster.Discovery.Domains;

/// <summary>The human-readable parts of a domain: a short label from its keywords and a sentence describing it.</summary>
internal static class DomainLabeler
{
    /// <summary>"shoes / sneakers" from the top two keywords; "domain d0003" when it has none.</summary>
    public static string Label(string domainId, IReadOnlyList<string> keywords) =>
        keywords.Count == 0 ? $"domain {domainId}" : string.Join(" / ", keywords.Take(2));

    /// <summary>What the domain holds, how big and how tight it is, in one sentence.</summary>
    public static string Describe(Domain domain, ulong totalPoints)
    {
        var share = totalPoints == 0 ? 0 : (double)domain.PointCount / totalPoints;
        var about = domain.Keywords.Count == 0 ? "points with no distinctive payload terms" : $"points about {string.Join(", ", domain.Keywords)}";
        return Invariant($"About {domain.PointCount:N0} {about} ({share:P0} of the library); cohesion {domain.Cohesion:0.00}, 95% of members within {domain.Radius:0.###} of the centroid.");
    }
}
