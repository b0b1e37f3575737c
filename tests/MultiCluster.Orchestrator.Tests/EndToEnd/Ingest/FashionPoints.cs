using System.Globalization;
using System.IO.Compression;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Ingest;

/// <summary>Fashion-MNIST's first train images as contract points: 784 pixels / 255, ids 1..n, payload {"label": "0".."9"}.</summary>
internal static class FashionPoints
{
    public const int Dimension = 784;
    private const string Directory = "/usr/share/datasets/fashion-mnist";

    public static IReadOnlyList<Point> Read(int count, int skip = 0)
    {
        using var images = Open("train-images-idx3-ubyte.gz", 16);
        using var labels = Open("train-labels-idx1-ubyte.gz", 8);
        var pixels = new byte[Dimension];
        var label = new byte[1];
        var points = new List<Point>(count);
        for (var i = 0; i < skip + count; i++)
        {
            images.ReadExactly(pixels);
            labels.ReadExactly(label);
            if (i < skip)
            {
                continue;
            }

            var point = new Point { Id = (i + 1).ToString(CultureInfo.InvariantCulture) };
            point.Vector.AddRange(pixels.Select(p => p / 255f));
            point.Payload = new Struct { Fields = { ["label"] = Value.ForString(label[0].ToString(CultureInfo.InvariantCulture)) } };
            points.Add(point);
        }

        return points;
    }

    private static GZipStream Open(string file, int header)
    {
        var gzip = new GZipStream(File.OpenRead(Path.Combine(Directory, file)), CompressionMode.Decompress);
        Span<byte> skip = stackalloc byte[header];
        gzip.ReadExactly(skip);
        return gzip;
    }
}
