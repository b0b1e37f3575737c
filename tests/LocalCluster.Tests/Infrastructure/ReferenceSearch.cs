using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Tests.Infrastructure;

/// <summary>The obvious search, in double precision and plain loops: what the SIMD engine must agree with.</summary>
public static class ReferenceSearch
{
    public static List<(PointId Id, double Score)> TopK(
        IEnumerable<(PointId Id, float[] Vector)> points, Distance distance, float[] query, int k, Func<PointId, bool>? keep = null)
    {
        var scored = points.Where(p => keep?.Invoke(p.Id) ?? true).Select(p => (p.Id, Score: Score(distance, query, p.Vector))).ToList();
        var ordered = distance is Distance.Euclid or Distance.Manhattan
            ? scored.OrderBy(s => s.Score).ThenBy(s => s.Id)
            : scored.OrderByDescending(s => s.Score).ThenBy(s => s.Id);
        return [.. ordered.Take(k)];
    }

    public static double Score(Distance distance, float[] a, float[] b)
    {
        double dot = 0, squares = 0, absolute = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            squares += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
            absolute += Math.Abs((double)a[i] - b[i]);
            normA += (double)a[i] * a[i];
            normB += (double)b[i] * b[i];
        }

        return distance switch
        {
            Distance.Cosine => dot / (Math.Sqrt(normA) * Math.Sqrt(normB)),
            Distance.Dot => dot,
            Distance.Euclid => Math.Sqrt(squares),
            _ => absolute,
        };
    }

    public static float[] RandomVector(Random random, int dimension) =>
        [.. Enumerable.Range(0, dimension).Select(_ => (float)((random.NextDouble() * 2) - 1))];
}
