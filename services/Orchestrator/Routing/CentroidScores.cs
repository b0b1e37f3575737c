using System.Numerics.Tensors;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// A vector against the centroids of a domain map, by Discovery's rule for assigning points: for cosine libraries the
/// cosine similarity, for euclid and dot libraries the negated Euclidean distance (Discovery clusters dot libraries
/// by Euclidean distance too). Domains without a centroid (a map known only from its event) are left out.
/// </summary>
public static class CentroidScores
{
    /// <summary>Every domain with a centroid of the vector's length, closest first (ties by domain id).</summary>
    public static IReadOnlyList<DomainScore> Rank(DomainMap map, ReadOnlySpan<float> vector)
    {
        ArgumentNullException.ThrowIfNull(map);
        var scores = new List<DomainScore>(map.Domains.Count);
        var centroid = new float[vector.Length];
        foreach (var domain in map.Domains)
        {
            if (domain.Centroid.Count != vector.Length)
            {
                continue;
            }

            domain.Centroid.CopyTo(centroid, 0);
            var cosine = Cosine(vector, centroid);
            var closeness = map.Distance == Distance.Cosine ? cosine : -TensorPrimitives.Distance(vector, centroid);
            scores.Add(new DomainScore(domain.DomainId, closeness, cosine, domain.PointCount));
        }

        scores.Sort((a, b) => b.Closeness.CompareTo(a.Closeness) is var order && order != 0 ? order : string.CompareOrdinal(a.DomainId, b.DomainId));
        return scores;
    }

    /// <summary>The domain an upsert of this vector goes to; null when the map has no usable centroid.</summary>
    public static string? Nearest(DomainMap map, ReadOnlySpan<float> vector) => Rank(map, vector) is [var first, ..] ? first.DomainId : null;

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var norms = (double)TensorPrimitives.Norm(a) * TensorPrimitives.Norm(b);
        return norms > 0 ? TensorPrimitives.Dot(a, b) / norms : 0;
    }
}
