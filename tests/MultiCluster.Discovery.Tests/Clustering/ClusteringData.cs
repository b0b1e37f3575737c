using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Tests.Clustering;

/// <summary>Deterministic data sets for the strategy tests.</summary>
internal static class ClusteringData
{
    /// <summary>
    /// 80 points in 2-D: three uniform squares (side 1.6) of 25 around (0,0), (3,0), (0,3), then 5 strays in
    /// x ∈ [6,10], y ∈ [-4,6], drawn from a 31-bit LCG (state·1103515245 + 12345 mod 2³¹, seed 20261202) so the
    /// same points can be built in Python for scikit-learn's reference labels.
    /// </summary>
    public static VectorSet SklearnFixture()
    {
        long state = 20261202;
        double Next()
        {
            state = ((state * 1103515245) + 12345) % 2147483648;
            return state / 2147483648.0;
        }

        (double X, double Y)[] centres = [(0, 0), (3, 0), (0, 3)];
        var rows = new List<float[]>();
        foreach (var (x, y) in centres)
        {
            for (var i = 0; i < 25; i++)
            {
                var px = x + ((Next() - 0.5) * 1.6);
                var py = y + ((Next() - 0.5) * 1.6);
                rows.Add([(float)px, (float)py]);
            }
        }

        for (var i = 0; i < 5; i++)
        {
            var px = 6.0 + (Next() * 4.0);
            var py = -4.0 + (Next() * 10.0);
            rows.Add([(float)px, (float)py]);
        }

        return VectorSet.FromRows(rows, 2);
    }

    /// <summary>Gaussian blobs of <paramref name="perBlob"/> points (σ = <paramref name="spread"/>) around the given centres, blob after blob.</summary>
    public static VectorSet Blobs(int seed, int perBlob, double spread, params double[][] centres)
    {
        var random = new Random(seed);
        var dimension = centres[0].Length;
        var rows = new List<float[]>();
        foreach (var centre in centres)
        {
            for (var i = 0; i < perBlob; i++)
            {
                rows.Add([.. centre.Select(c => (float)(c + (spread * Gaussian(random))))]);
            }
        }

        return VectorSet.FromRows(rows, dimension);
    }

    /// <summary>Two interleaved half circles (radius 1) of <paramref name="perMoon"/> points with a little noise.</summary>
    public static VectorSet Moons(int seed, int perMoon, double noise)
    {
        var random = new Random(seed);
        var rows = new List<float[]>();
        for (var i = 0; i < perMoon; i++)
        {
            var angle = Math.PI * i / (perMoon - 1);
            rows.Add([(float)(Math.Cos(angle) + (noise * Gaussian(random))), (float)(Math.Sin(angle) + (noise * Gaussian(random)))]);
        }

        for (var i = 0; i < perMoon; i++)
        {
            var angle = Math.PI * i / (perMoon - 1);
            rows.Add([(float)(1 - Math.Cos(angle) + (noise * Gaussian(random))), (float)(0.5 - Math.Sin(angle) + (noise * Gaussian(random)))]);
        }

        return VectorSet.FromRows(rows, 2);
    }

    /// <summary>The rows of <paramref name="data"/> followed by <paramref name="extra"/>.</summary>
    public static VectorSet With(VectorSet data, params float[][] extra) =>
        new([.. data.Data, .. extra.SelectMany(r => r)], data.Dimension);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
