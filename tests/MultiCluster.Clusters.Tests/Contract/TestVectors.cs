namespace MultiCluster.Clusters.Tests.Contract;

/// <summary>Seeded random vectors and the exact nearest neighbours computed here, the ground truth searches are held to.</summary>
internal static class TestVectors
{
    public static float[][] Random(int seed, int count, int dimension)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray())
            .ToArray();
    }

    public static List<PointRecord> Points(float[][] vectors) =>
        vectors.Select((v, i) => new PointRecord((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), v)).ToList();

    /// <summary>Score as Qdrant defines it: cosine similarity, dot product, or Euclidean distance.</summary>
    public static double Score(Distance distance, float[] a, float[] b) => distance switch
    {
        Distance.Cosine => Dot(a, b) / Math.Sqrt(Dot(a, a) * Dot(b, b)),
        Distance.Dot => Dot(a, b),
        _ => Math.Sqrt(a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Sum()),
    };

    /// <summary>The exact top <paramref name="limit"/> (id, score), best first: highest similarity or smallest distance.</summary>
    public static List<(string Id, double Score)> BruteForce(Distance distance, IReadOnlyList<PointRecord> points, float[] query, int limit, Func<PointRecord, bool>? where = null)
    {
        var scored = points.Where(p => where?.Invoke(p) ?? true).Select(p => (p.Id, Score: Score(distance, p.Vector, query)));
        var ordered = distance == Distance.Euclid ? scored.OrderBy(s => s.Score) : scored.OrderByDescending(s => s.Score);
        return ordered.Take(limit).ToList();
    }

    public static float[] Normalized(float[] vector)
    {
        var norm = (float)Math.Sqrt(Dot(vector, vector));
        return vector.Select(x => x / norm).ToArray();
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
