using System.Buffers.Binary;
using System.IO.Compression;
using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Bench.Discovery;

/// <summary>Reads Fashion-MNIST's gzipped IDX train images: a big-endian header, then one unsigned byte per pixel.</summary>
internal static class FashionMnist
{
    private const int ImagesMagic = 0x00000803;

    /// <summary>The first <paramref name="limit"/> train images as raw pixel values 0..255 (what sklearn_bench.py uses).</summary>
    public static VectorSet ReadTrainImages(string directory, int limit = int.MaxValue)
    {
        var path = Path.Combine(directory, "train-images-idx3-ubyte.gz");
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        Span<byte> header = stackalloc byte[16];
        gzip.ReadExactly(header);
        if (BinaryPrimitives.ReadInt32BigEndian(header) != ImagesMagic)
        {
            throw new InvalidDataException($"{path}: not an IDX image file");
        }

        var count = Math.Min(BinaryPrimitives.ReadInt32BigEndian(header[4..]), limit);
        var dims = BinaryPrimitives.ReadInt32BigEndian(header[8..]) * BinaryPrimitives.ReadInt32BigEndian(header[12..]);
        var pixels = new byte[count * dims];
        gzip.ReadExactly(pixels);
        var data = new float[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            data[i] = pixels[i];
        }

        return new VectorSet(data, dims);
    }
}
