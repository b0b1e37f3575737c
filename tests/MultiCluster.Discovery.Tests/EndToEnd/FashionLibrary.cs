using System.Text.Json.Nodes;
using MultiCluster.Clusters;

namespace MultiCluster.Discovery.Tests.EndToEnd;

/// <summary>
/// A small library of three well-separated blobs ("shoes", "shirts", "bags") in 8 dimensions, each point carrying its
/// category and a title, written unclassified as "{library}__unassigned" the way ingestion leaves a new library.
/// </summary>
public static class FashionLibrary
{
    public const int Dimension = 8;
    public const int PointsPerBlob = 300;
    public static readonly string[] Categories = ["shoes", "shirts", "bags"];

    public static int TotalPoints => PointsPerBlob * Categories.Length;

    public static async Task WriteAsync(IVectorCluster cluster, string library, int seed = 7)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var collection = $"{library}__unassigned";
        await cluster.CreateCollectionAsync(new CollectionSpec(collection, Dimension, Distance.Euclid));
        var random = new Random(seed);
        var points = new List<PointRecord>();
        for (var blob = 0; blob < Categories.Length; blob++)
        {
            for (var i = 0; i < PointsPerBlob; i++)
            {
                var vector = new float[Dimension];
                for (var d = 0; d < Dimension; d++)
                {
                    // Centres 20 apart on their own axes, spread 0.5: no point is nearer another blob's centre.
                    vector[d] = (d == blob ? 20f : 0f) + (float)(random.NextDouble() - 0.5);
                }

                var payload = new JsonObject { ["category"] = Categories[blob], ["title"] = $"{Categories[blob]} item {i}" };
                points.Add(new PointRecord(((blob * PointsPerBlob) + i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), vector, payload));
            }
        }

        foreach (var batch in points.Chunk(300))
        {
            await cluster.UpsertAsync(collection, batch);
        }
    }
}
