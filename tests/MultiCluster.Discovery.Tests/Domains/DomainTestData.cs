using System.Text.Json.Nodes;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Clustering;
using MultiCluster.Discovery.Domains;

namespace MultiCluster.Discovery.Tests.Domains;

/// <summary>Samples, clusterings and maps built by hand, so each test states the geometry it relies on.</summary>
internal static class DomainTestData
{
    /// <summary>Rows drawn around <paramref name="centers"/> (count each, normal spread <paramref name="sigma"/>), labelled by center.</summary>
    public static (VectorSet Rows, int[] Labels) Blobs(IReadOnlyList<float[]> centers, IReadOnlyList<int> counts, double sigma, int seed = 7)
    {
        var random = new Random(seed);
        var rows = new List<float[]>();
        var labels = new List<int>();
        for (var c = 0; c < centers.Count; c++)
        {
            for (var i = 0; i < counts[c]; i++)
            {
                rows.Add(centers[c].Select(x => (float)(x + (sigma * Gaussian(random)))).ToArray());
                labels.Add(c);
            }
        }

        return (VectorSet.FromRows(rows, centers[0].Length), labels.ToArray());
    }

    /// <summary>The clustering a strategy would return for known labels: centroids are the means of the members.</summary>
    public static ClusteringResult Result(VectorSet rows, int[] labels, int clusters)
    {
        var centroids = new float[clusters * rows.Dimension];
        for (var c = 0; c < clusters; c++)
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToList();
            for (var j = 0; j < rows.Dimension; j++)
            {
                centroids[(c * rows.Dimension) + j] = members.Count == 0 ? 0 : members.Average(m => rows[m][j]);
            }
        }

        return new ClusteringResult(labels, new VectorSet(centroids, rows.Dimension), 0, 1, new KMeansOptions(1));
    }

    public static AnalysisSample Sample(VectorSet rows, Func<int, JsonObject?>? payload = null) =>
        new(rows, Enumerable.Range(0, rows.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            Enumerable.Range(0, rows.Count).Select(i => payload?.Invoke(i)).ToList());

    public static DomainBuildOptions Options(params string[] keywordFields) => new(keywordFields, [], 1);

    public static Domain Domain(string id, float[] centroid, ulong count, double radius = 0.1, double cohesion = 0.9)
    {
        var domain = new Domain { DomainId = id, PointCount = count, Radius = radius, Cohesion = cohesion };
        domain.Centroid.Add(centroid);
        return domain;
    }

    public static DomainMap Map(ulong version, Distance distance, params Domain[] domains)
    {
        var map = new DomainMap
        {
            Library = "lib",
            Version = version,
            Distance = distance,
            Dimension = (uint)domains[0].Centroid.Count,
            TotalPoints = (ulong)domains.Sum(d => (decimal)d.PointCount),
            SampledPoints = 2000,
            CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddHours(version)),
        };
        map.Domains.Add(domains.OrderBy(d => d.DomainId, StringComparer.Ordinal));
        return map;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
