using System.Text.Json.Nodes;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Clusters.Tests.Contract;

/// <summary>Searches are held to exact nearest neighbours computed here (the collections are small enough that Qdrant searches them exhaustively too).</summary>
[Collection(ContractSuite.Name)]
public class SearchContractTests(ClusterUnderTest target)
{
    private const int Dimension = 8;

    private IVectorCluster Cluster => target.Cluster;

    [Theory]
    [InlineData(Distance.Cosine)]
    [InlineData(Distance.Dot)]
    [InlineData(Distance.Euclid)]
    public async Task Search_ReturnsTheExactNearestNeighbours_BestFirst(Distance distance)
    {
        var (name, points) = await SeedAsync(distance, seed: 10 + (int)distance);

        foreach (var query in TestVectors.Random(99, 5, Dimension))
        {
            var hits = await Cluster.SearchAsync(name, new SearchRequest(query, 10)).Within();
            var expected = TestVectors.BruteForce(distance, points, query, 10);

            Assert.Equal(expected.Select(e => e.Id), hits.Select(h => h.Id));
            Assert.Equal(expected.Select(e => (float)e.Score), hits.Select(h => h.Score), new FloatTolerance(1e-4f));
        }
    }

    [Fact]
    public async Task SearchWithFilter_RanksOnlyTheMatchingPoints()
    {
        var (name, points) = await SeedAsync(Distance.Dot, seed: 20);
        var query = TestVectors.Random(21, 1, Dimension)[0];

        var hits = await Cluster.SearchAsync(name, new SearchRequest(query, 5, Filter.All(Condition.Match("group", "b")))).Within();

        var expected = TestVectors.BruteForce(Distance.Dot, points, query, 5, p => p.Payload!["group"]!.GetValue<string>() == "b");
        Assert.Equal(expected.Select(e => e.Id), hits.Select(h => h.Id));
    }

    [Fact]
    public async Task SearchOffset_SkipsTheBestHits()
    {
        var (name, points) = await SeedAsync(Distance.Euclid, seed: 30);
        var query = TestVectors.Random(31, 1, Dimension)[0];

        var hits = await Cluster.SearchAsync(name, new SearchRequest(query, 4, Offset: 3)).Within();

        Assert.Equal(TestVectors.BruteForce(Distance.Euclid, points, query, 7).Skip(3).Select(e => e.Id), hits.Select(h => h.Id));
    }

    [Theory]
    [InlineData(Distance.Cosine)]
    [InlineData(Distance.Euclid)]
    public async Task ScoreThreshold_DropsHitsWorseThanIt(Distance distance)
    {
        var (name, points) = await SeedAsync(distance, seed: 40);
        var query = TestVectors.Random(41, 1, Dimension)[0];
        var all = TestVectors.BruteForce(distance, points, query, points.Count);

        // A threshold halfway between the 7th and 8th best scores keeps exactly seven hits, away from any tie.
        var threshold = (float)((all[6].Score + all[7].Score) / 2);
        var hits = await Cluster.SearchAsync(name, new SearchRequest(query, 50, ScoreThreshold: threshold)).Within();

        Assert.Equal(all.Take(7).Select(e => e.Id), hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Search_ReturnsPayloadsAndVectorsOnlyWhenAsked()
    {
        var (name, points) = await SeedAsync(Distance.Dot, seed: 50);
        var query = points[0].Vector;

        var bare = await Cluster.SearchAsync(name, new SearchRequest(query, 3, WithPayload: false, WithVectors: false)).Within();
        var full = await Cluster.SearchAsync(name, new SearchRequest(query, 3, WithPayload: true, WithVectors: true)).Within();

        Assert.All(bare, h => Assert.Empty(h.Vector));
        Assert.All(bare, h => Assert.Null(h.Payload));
        Assert.All(full, h => Assert.Equal(points.Single(p => p.Id == h.Id).Vector, h.Vector));
        Assert.All(full, h => Assert.True(JsonNode.DeepEquals(points.Single(p => p.Id == h.Id).Payload, h.Payload)));
    }

    [Fact]
    public async Task SearchBatch_AnswersEachSearchAsAloneInOrder()
    {
        var (name, _) = await SeedAsync(Distance.Cosine, seed: 60);
        var requests = TestVectors.Random(61, 4, Dimension)
            .Select((q, i) => new SearchRequest(q, 3 + i, i % 2 == 0 ? null : Filter.All(Condition.Match("group", "a"))))
            .ToList();

        var batch = await Cluster.SearchBatchAsync(name, requests).Within();

        Assert.Equal(requests.Count, batch.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var alone = await Cluster.SearchAsync(name, requests[i]).Within();
            Assert.Equal(alone.Select(h => h.Id), batch[i].Select(h => h.Id));
        }
    }

    private async Task<(string Name, List<PointRecord> Points)> SeedAsync(Distance distance, int seed)
    {
        var name = await target.NewCollectionAsync($"search_{distance.ToString().ToLowerInvariant()}", Dimension, distance);
        var points = TestVectors.Points(TestVectors.Random(seed, 200, Dimension))
            .Select((p, i) => p with { Payload = new JsonObject { ["group"] = i % 3 == 0 ? "a" : "b", ["i"] = i } })
            .ToList();
        await Cluster.UpsertAsync(name, points).Within();
        return (name, points);
    }
}
