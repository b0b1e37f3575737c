using System.Numerics.Tensors;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Search;

/// <summary>Scores with SIMD through <see cref="TensorPrimitives"/>, and the normalisation Cosine collections store.</summary>
public static class VectorMath
{
    /// <summary>
    /// Scales the vector to unit length as Qdrant's cosine_preprocess does: a zero vector, or one whose squared length
    /// is already within 1e-6 of 1, stays as it is. Without that tolerance a vector read back from one collection and
    /// written to another would be divided by a norm a hair off 1 and come out with different bits, so copies of a
    /// Cosine collection would never checksum equal to their source.
    /// </summary>
    public static void Normalize(Span<float> vector)
    {
        var squared = TensorPrimitives.SumOfSquares<float>(vector);
        if (squared < float.Epsilon || MathF.Abs(squared - 1f) <= 1e-6f)
        {
            return;
        }

        TensorPrimitives.Divide(vector, MathF.Sqrt(squared), vector);
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
