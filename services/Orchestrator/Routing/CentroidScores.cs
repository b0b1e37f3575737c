using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// A vector against the centroids of a domain map, by the one assignment rule of the mesh (<see cref="NearestDomain"/>:
/// the leaf domains, 1 − cosine for cosine libraries, Euclidean distance otherwise), so the first domain ranked is the
/// one Discovery and the split of "unassigned" would put the vector in. Domains without a centroid of the vector's
/// length (a map known only from its event) are left out.
/// </summary>
public static class CentroidScores
{
    /// <summary>Every leaf domain with a usable centroid, closest first (ties in map order, as NearestDomain breaks them).</summary>
    public static IReadOnlyList<DomainScore> Rank(DomainMap map, ReadOnlySpan<float> vector)
    {
        ArgumentNullException.ThrowIfNull(map);
        var scores = new List<DomainScore>();
        foreach (var domain in new NearestDomain(map).Domains)
        {
            if (domain.Centroid.Count != vector.Length)
            {
                continue;
            }

            var centroid = domain.Centroid.ToArray();
            scores.Add(new DomainScore(domain.DomainId, -NearestDomain.Between(vector, centroid, map.Distance), NearestDomain.Cosine(vector, centroid), domain.PointCount));
        }

        // OrderBy is stable: equal closeness keeps map order.
        return [.. scores.OrderByDescending(s => s.Closeness)];
    }

    /// <summary>The domain an upsert of this vector goes to; null when the map has no usable centroid.</summary>
    public static string? Nearest(DomainMap map, ReadOnlySpan<float> vector) => new NearestDomain(map).Of(vector)?.DomainId;
}
