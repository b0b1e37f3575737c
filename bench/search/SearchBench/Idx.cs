using System.Buffers.Binary;
using System.IO.Compression;

namespace MultiCluster.Bench.Search;

/// <summary>Reads gzipped IDX image files (MNIST's format): a big-endian header, then one unsigned byte per pixel.</summary>
internal static class Idx
{
    private const int ImagesMagic = 0x00000803;

    /// <summary>The images as float vectors of raw pixel values 0..255 (the same values faiss_bench.py uses).</summary>
    public static float[][] ReadImages(string path, int limit = int.MaxValue)
    {
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
        var pixels = new byte[dims];
        var images = new float[count][];
        for (var i = 0; i < count; i++)
        {
            gzip.ReadExactly(pixels);
            var image = images[i] = new float[dims];
            for (var d = 0; d < dims; d++)
            {
                image[d] = pixels[d];
            }
        }

        return images;
    }
}
