using System.Numerics.Tensors;

namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Density-based outlier removal: a row much farther from its domain's centroid than the domain's own members
/// usually are is left unassigned. "Much farther" is Iglewicz and Hoaglin's modified z-score above 3.5, i.e. beyond
/// median + 3.5 / 0.6745 × MAD of the domain's distances: median and MAD are not pulled by the outliers themselves,
/// each domain gets its own scale (tight and loose domains alike), and on well-behaved domains it removes a fraction
/// of a percent — enough to drop strays that k-means had to put somewhere, never a real part of a domain.
/// </summary>
internal static class DomainOutliers
{
    internal const double ModifiedZCutoff = 3.5;

    /// <summary>Domains smaller than this keep every member: their median and MAD mean too little.</summary>
    internal const int MinMembers = 8;

    /// <summary>Marks the outliers <see cref="ClusteringResult.Unassigned"/> in <paramref name="labels"/>; returns how many.</summary>
    public static int Remove(VectorSet data, int[] labels, VectorSet centroids, CancellationToken cancellationToken)
    {
        var distances = new float[labels.Length];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, labels.Length, options, row =>
        {
            distances[row] = labels[row] == ClusteringResult.Unassigned ? 0 : TensorPrimitives.Distance(data[row], centroids[labels[row]]);
        });

        var members = new List<int>[centroids.Count];
        for (var c = 0; c < members.Length; c++)
        {
            members[c] = [];
        }

        for (var row = 0; row < labels.Length; row++)
        {
            if (labels[row] != ClusteringResult.Unassigned)
            {
                members[labels[row]].Add(row);
            }
        }

        var removed = 0;
        foreach (var domain in members)
        {
            if (domain.Count < MinMembers)
            {
                continue;
            }

            var own = domain.Select(row => distances[row]).ToArray();
            var median = Median(own);
            TensorPrimitives.Subtract(own, median, own);
            TensorPrimitives.Abs(own, own);
            var mad = Median(own);
            var limit = median + (ModifiedZCutoff / 0.6745 * mad);
            if (!(mad > 0))
            {
                continue;
            }

            foreach (var row in domain)
            {
                if (distances[row] > limit)
                {
                    labels[row] = ClusteringResult.Unassigned;
                    removed++;
                }
            }
        }

        return removed;
    }

    private static float Median(float[] values)
    {
        var sorted = (float[])values.Clone();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
