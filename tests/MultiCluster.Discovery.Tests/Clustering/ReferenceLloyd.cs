using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Tests.Clustering;

/// <summary>Textbook Lloyd, no bounds, distances by subtraction in double: what the fast path must agree with.</summary>
internal static class ReferenceLloyd
{
    public static (int[] Labels, double[] Centroids, double Inertia) Run(VectorSet data, float[] seeds, int maxIterations)
    {
        var n = data.Count;
        var d = data.Dimension;
        var k = seeds.Length / d;
        var centroids = seeds.Select(v => (double)v).ToArray();
        var labels = Enumerable.Repeat(-1, n).ToArray();
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                var nearest = Nearest(data[i], centroids, k);
                changed |= nearest != labels[i];
                labels[i] = nearest;
            }

            if (!changed)
            {
                break;
            }

            var sums = new double[k * d];
            var counts = new int[k];
            for (var i = 0; i < n; i++)
            {
                counts[labels[i]]++;
                for (var t = 0; t < d; t++)
                {
                    sums[(labels[i] * d) + t] += data[i][t];
                }
            }

            for (var j = 0; j < k; j++)
            {
                for (var t = 0; t < d && counts[j] > 0; t++)
                {
                    centroids[(j * d) + t] = sums[(j * d) + t] / counts[j];
                }
            }
        }

        var inertia = 0.0;
        for (var i = 0; i < n; i++)
        {
            inertia += Squared(data[i], centroids, labels[i]);
        }

        return (labels, centroids, inertia);
    }

    private static int Nearest(ReadOnlySpan<float> row, double[] centroids, int k)
    {
        var (best, nearest) = (double.PositiveInfinity, 0);
        for (var j = 0; j < k; j++)
        {
            var distance = Squared(row, centroids, j);
            if (distance < best)
            {
                (best, nearest) = (distance, j);
            }
        }

        return nearest;
    }

    private static double Squared(ReadOnlySpan<float> row, double[] centroids, int j)
    {
        var sum = 0.0;
        for (var t = 0; t < row.Length; t++)
        {
            var difference = row[t] - centroids[(j * row.Length) + t];
            sum += difference * difference;
        }

        return sum;
    }
}
