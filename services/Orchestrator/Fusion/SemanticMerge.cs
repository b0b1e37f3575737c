using System.Numerics.Tensors;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Fusion;

/// <summary>
/// SEMANTIC_MERGE after MAX_SCORE: walking the merged points best first, a point whose vector is near-identical
/// (cosine at or above the threshold) to one already kept is dropped, so the best-scored copy stays. Only points that
/// carry vectors can be compared: lists fetched without vectors are deduplicated by id alone.
/// </summary>
internal static class SemanticMerge
{
    public static List<FusedPoint> Apply(List<FusedPoint> merged, double threshold, int limit)
    {
        var kept = new List<(FusedPoint Point, float[] Vector, float Norm)>();
        foreach (var candidate in merged)
        {
            if (limit > 0 && kept.Count == limit)
            {
                break;
            }

            var vector = candidate.Point.Vector.ToArray();
            var norm = TensorPrimitives.Norm<float>(vector);
            if (!kept.Exists(k => NearIdentical(k.Vector, k.Norm, vector, norm, threshold)))
            {
                kept.Add((candidate, vector, norm));
            }
        }

        return [.. kept.Select(k => k.Point)];
    }

    private static bool NearIdentical(float[] a, float normA, float[] b, float normB, double threshold) =>
        a.Length > 0 && a.Length == b.Length && normA > 0 && normB > 0
        && TensorPrimitives.Dot<float>(a, b) / ((double)normA * normB) >= threshold;
}
