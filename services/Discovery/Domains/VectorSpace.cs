using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Domains;

/// <summary>
/// Where the strategies work: Euclidean space over the library's vectors, normalised first for cosine libraries, so
/// that one set of kernels serves every distance. For unit vectors ‖a − b‖² = 2 (1 − cos), which converts cosine
/// distances both ways; Euclid is itself; dot-product libraries are clustered in Euclidean space on the raw vectors
/// (dot has no metric of its own to cluster with), and their distances reported as Euclidean.
/// </summary>
public static class VectorSpace
{
    /// <summary>The vectors as strategies compare them: a normalised copy for cosine, the same block otherwise.</summary>
    public static VectorSet Prepare(VectorSet vectors, Distance distance)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (distance != Distance.Cosine)
        {
            return vectors;
        }

        var data = (float[])vectors.Data.Clone();
        var prepared = new VectorSet(data, vectors.Dimension);
        for (var i = 0; i < prepared.Count; i++)
        {
            var row = prepared.Row(i);
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(row);
            if (norm > 0)
            {
                System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
            }
        }

        return prepared;
    }

    /// <summary>A distance in the library's terms (1 − similarity for cosine) as a Euclidean distance between prepared rows.</summary>
    public static double ToEuclidean(double libraryDistance, Distance distance) =>
        distance == Distance.Cosine ? Math.Sqrt(2 * Math.Max(0, libraryDistance)) : libraryDistance;

    /// <summary>A Euclidean distance between prepared rows in the library's terms.</summary>
    public static double ToLibrary(double euclidean, Distance distance) =>
        distance == Distance.Cosine ? euclidean * euclidean / 2 : euclidean;
}
