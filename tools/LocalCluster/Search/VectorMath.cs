using System.Numerics.Tensors;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Search;

/// <summary>Scores with SIMD through <see cref="TensorPrimitives"/>, and the normalisation Cosine collections store.</summary>
public static class VectorMath
{
    /// <summary>Scales the vector to unit length; a zero vector stays as it is (as in Qdrant).</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > float.Epsilon)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    /// <summary>
    /// The score Qdrant reports: the dot product for Cosine (of normalised vectors) and Dot, the distance for Euclid
    /// and Manhattan. <paramref name="scratch"/> is a buffer of the vector's length (Manhattan needs one).
    /// </summary>
    public static float Score(Distance distance, ReadOnlySpan<float> query, ReadOnlySpan<float> stored, Span<float> scratch)
    {
        switch (distance)
        {
            case Distance.Cosine:
            case Distance.Dot:
                return TensorPrimitives.Dot(query, stored);
            case Distance.Euclid:
                return TensorPrimitives.Distance(query, stored);
            default:
                TensorPrimitives.Subtract(query, stored, scratch);
                return TensorPrimitives.SumOfMagnitudes(scratch);
        }
    }

    /// <summary>A key where larger is always closer, so one heap serves similarities and distances.</summary>
    public static float Closeness(Distance distance, float score) => distance.SmallerIsCloser() ? -score : score;

    /// <summary>Whether a score passes Qdrant's score_threshold: at least it for similarities, at most it for distances.</summary>
    public static bool PassesThreshold(Distance distance, float score, float threshold) =>
        distance.SmallerIsCloser() ? score <= threshold : score >= threshold;
}
