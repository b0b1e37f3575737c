using System.Numerics.Tensors;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Domains;

/// <summary>
/// Applies min_domain_points before a map is gated: a domain with fewer points is merged into its nearest neighbour,
/// smallest first, until every leaf domain is large enough or one is left. The merge works on the map alone (no member
/// rows), so the merged centroid and cohesion are exact for cosine and the radius an upper bound; see
/// <see cref="Merge"/>.
/// </summary>
public static class DomainMapRefiner
{
    /// <summary>A copy of <paramref name="map"/> with its small leaf domains merged; the map itself is left unchanged.</summary>
    public static DomainMap MergeSmall(DomainMap map, DomainThresholds resolved)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(resolved);
        var refined = map.Clone();
        var parentIds = DomainHierarchy.ParentIds(map);
        while (true)
        {
            var leaves = DomainHierarchy.Leaves(refined);
            var small = leaves
                .Where(d => d.PointCount < resolved.MinDomainPoints && d.Centroid.Count > 0)
                .OrderBy(d => d.PointCount)
                .ThenBy(d => d.DomainId, StringComparer.Ordinal)
                .FirstOrDefault();
            var into = small is null
                ? null
                : leaves.Where(d => d != small && d.Centroid.Count > 0)
                    .OrderBy(d => CentroidMath.Distance(small, d, map.Distance))
                    .ThenBy(d => d.DomainId, StringComparer.Ordinal)
                    .FirstOrDefault();
            if (small is null || into is null)
            {
                break;
            }

            Merge(into, small, map.Distance, map.TotalPoints);
            refined.Domains.Remove(small);
        }

        Reaggregate(refined, parentIds);
        return refined;
    }

    /// <summary>
    /// Folds <paramref name="small"/> into <paramref name="into"/>. For cosine, a domain's mean member vector has length
    /// equal to its (unclamped) cohesion, so Σ nᵢ·cohesionᵢ·centroidᵢ is the merged mean: its direction is the merged
    /// centroid and its length over Σ nᵢ the merged cohesion. For other distances the count-weighted mean is exact and
    /// the cohesion a weighted mean. The radius is max(rᵢ + dᵢ) in Euclidean terms, dᵢ the distance from the merged
    /// centroid to part i: every member within rᵢ of its old centroid is within rᵢ + dᵢ of the new one.
    /// </summary>
    private static void Merge(Domain into, Domain small, Distance distance, ulong totalPoints)
    {
        var parts = new[] { into, small };
        var counts = parts.Select(d => Math.Max(1.0, d.PointCount)).ToArray();
        var cosine = distance == Distance.Cosine;
        var weighted = parts.Select((d, i) => (d.Centroid.ToArray(), counts[i] * (cosine ? Math.Max(d.Cohesion, 1e-6) : 1))).ToList();
        var centroid = CentroidMath.WeightedMean(weighted, distance);
        var cohesion = cosine
            ? Math.Clamp(TensorPrimitives.Norm(CentroidMath.WeightedMean(weighted, Distance.Euclid)) * weighted.Sum(w => w.Item2) / counts.Sum(), 0, 1)
            : parts.Select((d, i) => d.Cohesion * counts[i]).Sum() / counts.Sum();
        var radius = parts.Max(d => VectorSpace.ToEuclidean(d.Radius, distance)
            + VectorSpace.ToEuclidean(CentroidMath.Distance(centroid, CentroidMath.Span(d), distance), distance));

        into.Centroid.Clear();
        into.Centroid.Add(centroid);
        into.PointCount += small.PointCount;
        into.SizeBytes += small.SizeBytes;
        into.Cohesion = cohesion;
        into.Radius = VectorSpace.ToLibrary(radius, distance);
        var keywords = into.Keywords.Concat(small.Keywords).Distinct(StringComparer.Ordinal).Take(KeywordExtractor.MaxKeywords).ToList();
        into.Keywords.Clear();
        into.Keywords.Add(keywords);
        into.Description = DomainLabeler.Describe(into, totalPoints);
    }

    /// <summary>Parents count what their remaining children hold; a parent left without children goes.</summary>
    private static void Reaggregate(DomainMap map, HashSet<string> parentIds)
    {
        foreach (var parent in map.Domains.Where(d => parentIds.Contains(d.DomainId)).ToList())
        {
            var children = map.Domains.Where(d => d.ParentDomainId == parent.DomainId).ToList();
            if (children.Count == 0)
            {
                map.Domains.Remove(parent);
                continue;
            }

            parent.PointCount = (ulong)children.Sum(c => (decimal)c.PointCount);
            parent.SizeBytes = (ulong)children.Sum(c => (decimal)c.SizeBytes);
        }
    }
}
