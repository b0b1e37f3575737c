using System.Numerics.Tensors;

namespace MultiCluster.Demo;

/// <summary>
/// The exhaustive reference for the routed searches: every loaded image compared with the query (Euclidean distance,
/// the library's), so a routed answer's recall is measured against the true nearest neighbours, not against the mesh.
/// </summary>
public sealed class ExactSearch(IReadOnlyList<LabelledImage> points)
{
    /// <summary>The indexes of the <paramref name="k"/> points nearest <paramref name="query"/>, nearest first.</summary>
    public IReadOnlyList<int> Nearest(float[] query, int k) =>
        [.. Enumerable.Range(0, points.Count).OrderBy(i => TensorPrimitives.Distance(points[i].Pixels, query)).Take(k)];

    /// <summary>The index of the centroid nearest <paramref name="vector"/>.</summary>
    public static int NearestCentroid(IReadOnlyList<float[]> centroids, float[] vector) =>
        Enumerable.Range(0, centroids.Count).MinBy(c => TensorPrimitives.Distance(centroids[c], vector));
}
