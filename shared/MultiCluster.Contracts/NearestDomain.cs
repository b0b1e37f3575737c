using System.Numerics.Tensors;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Contracts;

/// <summary>
/// The one rule that puts a point in a domain of a map: its nearest leaf centroid (parents of a hierarchical map only
/// group their children, whose collections hold the points), measured in the library's terms — 1 − cosine similarity
/// for cosine libraries, the Euclidean distance otherwise (dot-product libraries are clustered in Euclidean space, so
/// they are assigned in it too). Discovery scores maps with it and Specialization splits "unassigned" with it, so a
/// point lands where the map says it belongs. Ties go to the first domain in map order.
/// </summary>
public sealed class NearestDomain
{
    private readonly float[][] _centroids;
    private readonly Distance _distance;

    /// <summary>The leaf domains of <paramref name="map"/> that have a centroid of the map's dimension.</summary>
    public NearestDomain(DomainMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var parents = map.Domains.Select(d => d.ParentDomainId).Where(p => p.Length > 0).ToHashSet(StringComparer.Ordinal);
        Domains = map.Domains.Where(d => !parents.Contains(d.DomainId) && d.Centroid.Count > 0 && (map.Dimension == 0 || d.Centroid.Count == map.Dimension)).ToList();
        _centroids = Domains.Select(d => d.Centroid.ToArray()).ToArray();
        _distance = map.Distance;
    }

    /// <summary>The domains a point can go to, in map order.</summary>
    public IReadOnlyList<Domain> Domains { get; }

    /// <summary>The domain nearest to <paramref name="vector"/>; null when the map has no centroid of its length.</summary>
    public Domain? Of(ReadOnlySpan<float> vector)
    {
        var best = -1;
        var bestDistance = double.MaxValue;
        for (var d = 0; d < _centroids.Length; d++)
        {
            if (_centroids[d].Length != vector.Length)
            {
                continue;
            }

            var distance = Between(vector, _centroids[d], _distance);
            if (best < 0 || distance < bestDistance)
            {
                (best, bestDistance) = (d, distance);
            }
        }

        return best < 0 ? null : Domains[best];
    }

    /// <summary>Cosine similarity, 0 when either vector is zero (no direction to compare).</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var norms = (double)TensorPrimitives.Norm(a) * TensorPrimitives.Norm(b);
        return norms > 0 ? TensorPrimitives.Dot(a, b) / norms : 0;
    }

    /// <summary>The library's distance between two vectors: 1 − cosine similarity for cosine, Euclidean otherwise.</summary>
    public static double Between(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Distance distance) =>
        distance == Distance.Cosine ? 1 - Cosine(a, b) : TensorPrimitives.Distance(a, b);
}
