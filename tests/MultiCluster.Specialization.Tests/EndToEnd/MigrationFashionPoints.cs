using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using MultiCluster.Clusters;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>
/// Fashion-MNIST's first train images as migration tests and bench/migration use them: 784 float32 pixels / 255,
/// ids 1..n, payload {"label": 0..9}.
/// </summary>
public static class MigrationFashionPoints
{
    public const string Directory = "/usr/share/datasets/fashion-mnist";
    public const int Dimension = 784;

    public static IReadOnlyList<PointRecord> Read(int count)
    {
        using var images = Open("train-images-idx3-ubyte.gz", 16);
        using var labels = Open("train-labels-idx1-ubyte.gz", 8);
        var pixels = new byte[Dimension];
        var label = new byte[1];
        var points = new List<PointRecord>(count);
        for (var i = 0; i < count; i++)
        {
            images.ReadExactly(pixels);
            labels.ReadExactly(label);
            var vector = new float[Dimension];
            for (var d = 0; d < Dimension; d++)
            {
                vector[d] = pixels[d] / 255f;
            }

            points.Add(new PointRecord((i + 1).ToString(CultureInfo.InvariantCulture), vector, new JsonObject { ["label"] = label[0] }));
        }

        return points;
    }

    /// <summary>Writes the points in pages of 1,000 into a new Euclid collection.</summary>
    public static async Task WriteAsync(IVectorCluster cluster, string collection, IReadOnlyList<PointRecord> points)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(points);
        await cluster.CreateCollectionAsync(new CollectionSpec(collection, Dimension, Distance.Euclid));
        foreach (var page in points.Chunk(1000))
        {
            await cluster.UpsertAsync(collection, page);
        }
    }

    private static GZipStream Open(string file, int header)
    {
        var gzip = new GZipStream(File.OpenRead(Path.Combine(Directory, file)), CompressionMode.Decompress);
        Span<byte> skip = stackalloc byte[header];
        gzip.ReadExactly(skip);
        return gzip;
    }
}
