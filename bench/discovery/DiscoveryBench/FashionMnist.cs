using MultiCluster.Bench.Search;
using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Bench.Discovery;

/// <summary>Fashion-MNIST's train images as strategies take them: one row-major block.</summary>
internal static class FashionMnist
{
    /// <summary>The first <paramref name="limit"/> train images as raw pixel values 0..255 (what sklearn_bench.py uses).</summary>
    public static VectorSet ReadTrainImages(string directory, int limit = int.MaxValue)
    {
        var images = Idx.ReadImages(Path.Combine(directory, "train-images-idx3-ubyte.gz"), limit);
        return VectorSet.FromRows(images, images[0].Length);
    }
}
