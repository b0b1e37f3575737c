namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Checks k-means options against the data before any work. Each message starts with the contract's field name and
/// gives the allowed range, so the endpoint can pass it on as INVALID_ARGUMENT and a person can fix the request.
/// </summary>
internal static class KMeansValidation
{
    public static void Check(VectorSet data, KMeansOptions options)
    {
        var n = data.Count;
        RequireRows(data);
        if (options.K < 0 || options.K > n)
        {
            throw new ArgumentException($"k: must be between 1 and the {n} points sampled (0 chooses k), got {options.K}");
        }

        if (options.K == 0)
        {
            var kMax = Math.Min(n, KSelection.SampleRows) - 1;
            if (options.KMin < 2 || options.KMin > kMax)
            {
                throw new ArgumentException(kMax < 2
                    ? $"k_min: choosing k needs at least 3 points, got {n}; give k instead"
                    : $"k_min: must be between 2 and {kMax} (one less than the points sampled), got {options.KMin}");
            }

            if (options.KMax < options.KMin)
            {
                throw new ArgumentException($"k_max: must be at least k_min ({options.KMin}), got {options.KMax}");
            }
        }

        if (options.MaxIterations < 1)
        {
            throw new ArgumentException($"max_iterations: must be at least 1, got {options.MaxIterations}");
        }

        if (!double.IsFinite(options.Tolerance) || options.Tolerance < 0)
        {
            throw new ArgumentException($"tolerance: must be a finite number ≥ 0, got {options.Tolerance}");
        }

        if (options.Initializations < 1)
        {
            throw new ArgumentException($"initializations: must be at least 1, got {options.Initializations}");
        }

        if (options.MiniBatchThreshold < 1)
        {
            throw new ArgumentException($"mini_batch_threshold: must be at least 1, got {options.MiniBatchThreshold}");
        }
    }

    public static void RequireRows(VectorSet data)
    {
        if (data.Count == 0)
        {
            throw new ArgumentException("points: the sample is empty; at least one point is needed");
        }
    }

    /// <summary>A NaN or infinite value (or one whose square overflows) makes every distance to its row meaningless.</summary>
    public static void RequireFinite(float[] squaredNorms)
    {
        for (var i = 0; i < squaredNorms.Length; i++)
        {
            if (!float.IsFinite(squaredNorms[i]))
            {
                throw new ArgumentException($"points: row {i} holds a NaN, infinite or too large value; every value must be finite");
            }
        }
    }
}
