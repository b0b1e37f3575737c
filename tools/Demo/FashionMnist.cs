using System.IO.Compression;

namespace MultiCluster.Demo;

/// <summary>One Fashion-MNIST image: its 784 pixels scaled to 0..1 and the name of its class.</summary>
public sealed record LabelledImage(float[] Pixels, string Label);

/// <summary>
/// Fashion-MNIST as Debian's dataset-fashion-mnist installs it: IDX files, gzip-compressed, 28×28 bytes per image and
/// one byte per label (the format of Zalando's repository, documented there).
/// </summary>
public static class FashionMnist
{
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";
    public const int Dimension = 28 * 28;

    // The class names, in the order of the label bytes (Zalando's README).
    private static readonly string[] Classes = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The first <paramref name="count"/> images of the training set (60,000) or of the test set (10,000).</summary>
    public static IReadOnlyList<LabelledImage> Read(string directory, bool train, int count)
    {
        var prefix = train ? "train" : "t10k";
        var images = Path.Combine(directory, prefix + "-images-idx3-ubyte.gz");
        var labels = Path.Combine(directory, prefix + "-labels-idx1-ubyte.gz");
        foreach (var file in new[] { images, labels })
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"{file} is missing: install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or pass --data DIR.", file);
            }
        }

        using var imageStream = new GZipStream(File.OpenRead(images), CompressionMode.Decompress);
        using var labelStream = new GZipStream(File.OpenRead(labels), CompressionMode.Decompress);
        imageStream.ReadExactly(new byte[16]);
        labelStream.ReadExactly(new byte[8]);
        var pixels = new byte[Dimension];
        var label = new byte[1];
        var read = new List<LabelledImage>(count);
        for (var i = 0; i < count; i++)
        {
            imageStream.ReadExactly(pixels);
            labelStream.ReadExactly(label);
            read.Add(new LabelledImage([.. pixels.Select(p => p / 255f)], Classes[label[0]]));
        }

        return read;
    }
}
