using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Clustering;
using MultiCluster.Discovery.Domains;
using Xunit;

namespace MultiCluster.Discovery.Tests;

public sealed class VectorSpaceTests
{
    [Fact]
    public void Cosine_rows_are_normalised_and_distances_convert_both_ways()
    {
        var prepared = VectorSpace.Prepare(new VectorSet([3, 4, 0, 0, 0, 2], 2), Distance.Cosine);

        Assert.Equal([0.6f, 0.8f, 0f, 0f, 0f, 1f], prepared.Data);
        // Orthogonal unit vectors: cosine distance 1, Euclidean distance √2.
        Assert.Equal(Math.Sqrt(2), VectorSpace.ToEuclidean(1, Distance.Cosine), 12);
        Assert.Equal(1, VectorSpace.ToLibrary(Math.Sqrt(2), Distance.Cosine), 12);
    }

    [Fact]
    public void Euclid_rows_and_distances_are_left_as_they_are()
    {
        var vectors = new VectorSet([3, 4], 2);

        Assert.Same(vectors, VectorSpace.Prepare(vectors, Distance.Euclid));
        Assert.Equal(2.5, VectorSpace.ToEuclidean(2.5, Distance.Euclid));
    }
}
