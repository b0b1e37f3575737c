using System.Globalization;
using System.IO.Compression;
using MultiCluster.Clusters;

namespace MultiCluster.TestInfrastructure;

/// <summary>Fashion-MNIST images as vectors: 784 pixels / 255, ids from 1 (train) in file order.</summary>
public static class FashionImages
{
    public const string Directory = "/usr/share/datasets/fashion-mnist";
    public const int Dimension = 784;

    public static IReadOnlyList<PointRecord> Train(int count) => Read("train-images-idx3-ubyte.gz", count, 0);

    /// <summary>Test images: never in the library, so queries as a client would send them.</summary>
    public static IReadOnlyList<float[]> Test(int count) => [.. Read("t10k-images-idx3-ubyte.gz", count, 0).Select(p => p.Vector)];

    private static List<PointRecord> Read(string file, int count, int skip)
    {
        using var stream = new GZipStream(File.OpenRead(Path.Combine(Directory, file)), CompressionMode.Decompress);
        stream.ReadExactly(new byte[16]);
        var pixels = new byte[Dimension];
        var points = new List<PointRecord>(count);
        for (var i = 0; i < skip + count; i++)
        {
            stream.ReadExactly(pixels);
            if (i >= skip)
            {
                points.Add(new PointRecord((i + 1).ToString(CultureInfo.InvariantCulture), [.. pixels.Select(p => p / 255f)]));
            }
        }

        return points;
    }
}
