using System.Globalization;
using System.Text.Json.Nodes;
using MultiCluster.Clusters;
using MultiCluster.Specialization.Verification;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.Specialization.Tests.Replicas;

/// <summary>Deterministic points and collections of them on real clusters, for the replica tests.</summary>
internal static class TestPoints
{
    public const int Dimension = 8;

    /// <summary>Point <paramref name="id"/> in its version <paramref name="version"/> (another version is another vector and payload).</summary>
    public static PointRecord Make(string id, int version = 0)
    {
        var seed = (id.GetHashCode(StringComparison.Ordinal) & 0xffff) + version * 7919;
        var vector = Enumerable.Range(0, Dimension).Select(i => (float)Math.Sin(seed + i * 0.37)).ToArray();
        return new PointRecord(id, vector, new JsonObject { ["label"] = $"p{id}", ["version"] = version });
    }

    /// <summary>Integer ids first..first+count-1, as text.</summary>
    public static IEnumerable<string> Ids(int first, int count) => Enumerable.Range(first, count).Select(i => i.ToString(CultureInfo.InvariantCulture));

    /// <summary>Creates the collection (dropping one of that name first) and writes the points.</summary>
    public static async Task CreateAsync(IVectorCluster cluster, string collection, IEnumerable<PointRecord> points)
    {
        await cluster.DropCollectionAsync(collection).Within();
        await cluster.CreateCollectionAsync(new CollectionSpec(collection, Dimension, Distance.Euclid)).Within();
        await WriteAsync(cluster, collection, points);
    }

    public static async Task WriteAsync(IVectorCluster cluster, string collection, IEnumerable<PointRecord> points)
    {
        foreach (var chunk in points.Chunk(500))
        {
            await cluster.UpsertAsync(collection, chunk, wait: true).Within();
        }
    }

    /// <summary>Count and digest of every point of the collection, read in full.</summary>
    public static async Task<(long Count, string Digest)> DigestAsync(IVectorCluster cluster, string collection)
    {
        var digest = new PointDigest();
        string? offset = null;
        do
        {
            var page = await cluster.ScrollAsync(collection, new ScrollRequest(1000, offset, WithPayload: true, WithVectors: true)).Within();
            digest.AddRange(page.Points);
            offset = page.NextOffset;
        }
        while (offset is not null);

        return (digest.Count, digest.Hex);
    }
}
