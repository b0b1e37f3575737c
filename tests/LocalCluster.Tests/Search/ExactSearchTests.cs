using System.Text.Json;
using MultiCluster.LocalCluster.Api.Parsing;
using MultiCluster.LocalCluster.Search;
using MultiCluster.LocalCluster.Storage;
using MultiCluster.LocalCluster.Tests.Infrastructure;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Search;

/// <summary>The engine's exact search against a brute-force reference, for every distance.</summary>
public sealed class ExactSearchTests
{
    private const int Dimension = 24;

    public static TheoryData<Distance> Distances => new(Distance.Cosine, Distance.Dot, Distance.Euclid, Distance.Manhattan);

    [Theory]
    [MemberData(nameof(Distances))]
    public void Search_ReturnsTheSameNeighboursAndScoresAsBruteForce(Distance distance)
    {
        var (collection, points) = Build(distance, count: 2000, seed: 7);
        var random = new Random(11);

        for (var q = 0; q < 20; q++)
        {
            var query = ReferenceSearch.RandomVector(random, Dimension);
            var expected = ReferenceSearch.TopK(points, distance, query, 10);

            var actual = collection.Search(new SearchRequest(query, 10));

            AssertSameRanking(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(Distances))]
    public void FilteredSearch_OnlyReturnsMatchingPoints_InTheReferenceOrder(Distance distance)
    {
        var (collection, points) = Build(distance, count: 1500, seed: 3);
        var filter = FilterParser.Parse(JsonDocument.Parse("""{"must":[{"key":"bucket","match":{"any":[0,2]}}]}""").RootElement, "filter");
        var query = ReferenceSearch.RandomVector(new Random(5), Dimension);
        var expected = ReferenceSearch.TopK(points, distance, query, 15, id => Bucket(id) is 0 or 2);

        var actual = collection.Search(new SearchRequest(query, 15) { Filter = filter, WithPayload = PayloadSelector.All });

        AssertSameRanking(expected, actual);
        Assert.All(actual, hit => Assert.True(hit.Payload!.Value.GetProperty("bucket").GetInt32() is 0 or 2));
    }

    [Fact]
    public void OffsetAndThreshold_SkipTheFirstHitsAndCutByScore()
    {
        var (collection, points) = Build(Distance.Dot, count: 500, seed: 9);
        var query = ReferenceSearch.RandomVector(new Random(1), Dimension);
        var all = ReferenceSearch.TopK(points, Distance.Dot, query, 500);
        var threshold = (float)all[40].Score;

        var page = collection.Search(new SearchRequest(query, 5) { Offset = 10 });
        var above = collection.Search(new SearchRequest(query, 500) { ScoreThreshold = threshold });

        Assert.Equal(all.Skip(10).Take(5).Select(p => p.Id), page.Select(p => p.Id));
        Assert.All(above, hit => Assert.True(hit.Score >= threshold));
        Assert.InRange(above.Count, 40, 42);
    }

    [Fact]
    public void LargeCollection_ScannedInParallelPartitions_StillMatchesBruteForce()
    {
        var (collection, points) = Build(Distance.Euclid, count: 60_000, seed: 21, dimension: 32);
        var random = new Random(4);

        for (var q = 0; q < 3; q++)
        {
            var query = ReferenceSearch.RandomVector(random, 32);
            AssertSameRanking(ReferenceSearch.TopK(points, Distance.Euclid, query, 25), collection.Search(new SearchRequest(query, 25)));
        }
    }

    [Fact]
    public void Cosine_StoresAndReturnsTheNormalisedVector()
    {
        using var collection = VectorCollection.CreateInMemory(CollectionConfig.Of(2, Distance.Cosine));
        collection.Upsert([new PointRecord(PointId.FromNumber(1), [3, 4], null)]);

        var hit = Assert.Single(collection.Search(new SearchRequest([6, 8], 1) { WithVector = true }));

        Assert.Equal([0.6f, 0.8f], hit.Vector!);
        Assert.Equal(1f, hit.Score, 5);
    }

    [Fact]
    public void Cosine_RewritingAStoredVector_KeepsItsBitsExactly()
    {
        using var source = VectorCollection.CreateInMemory(CollectionConfig.Of(32, Distance.Cosine));
        using var copy = VectorCollection.CreateInMemory(CollectionConfig.Of(32, Distance.Cosine));
        var random = new Random(11);
        var points = Enumerable.Range(1, 200).Select(i => new PointRecord(PointId.FromNumber((ulong)i), ReferenceSearch.RandomVector(random, 32), null)).ToList();
        source.Upsert(points);
        var stored = points.Select(p => Assert.Single(source.Search(new SearchRequest(p.Vector, 1) { WithVector = true })).Vector!).ToList();

        copy.Upsert(points.Select((p, i) => new PointRecord(p.Id, stored[i], null)).ToList());
        var copied = stored.Select(v => Assert.Single(copy.Search(new SearchRequest(v, 1) { WithVector = true })).Vector!).ToList();

        // Bit-identical, not merely close: a migration's checksums of source and target compare the raw floats.
        Assert.All(stored.Zip(copied), pair => Assert.Equal(
            pair.First.Select(BitConverter.SingleToInt32Bits),
            pair.Second.Select(BitConverter.SingleToInt32Bits)));
    }

    [Fact]
    public void Euclid_ReportsTheDistanceAsTheScore_ClosestFirst()
    {
        using var collection = VectorCollection.CreateInMemory(CollectionConfig.Of(2, Distance.Euclid));
        collection.Upsert([new PointRecord(PointId.FromNumber(1), [3, 4], null), new PointRecord(PointId.FromNumber(2), [1, 0], null)]);

        var hits = collection.Search(new SearchRequest([0, 0], 2));

        Assert.Equal([2UL, 1UL], hits.Select(h => h.Id.ToNumber()));
        Assert.Equal([1f, 5f], hits.Select(h => h.Score));
    }

    [Fact]
    public void Search_AfterDeletes_NeverReturnsADeletedPoint()
    {
        var (collection, points) = Build(Distance.Dot, count: 300, seed: 2);
        var deleted = points.Where((_, i) => i % 3 == 0).Select(p => p.Id).ToList();
        collection.Delete(PointSelector.ByIds(deleted));
        var query = ReferenceSearch.RandomVector(new Random(8), Dimension);

        var hits = collection.Search(new SearchRequest(query, 300));

        Assert.Equal(200, hits.Count);
        AssertSameRanking(ReferenceSearch.TopK(points.Where(p => !deleted.Contains(p.Id)), Distance.Dot, query, 300), hits);
    }

    private static int Bucket(PointId id) => (int)(id.ToNumber() % 3);

    private static (VectorCollection Collection, List<(PointId Id, float[] Vector)> Points) Build(Distance distance, int count, int seed, int dimension = Dimension)
    {
        var random = new Random(seed);
        var collection = VectorCollection.CreateInMemory(CollectionConfig.Of(dimension, distance));
        var points = Enumerable.Range(0, count)
            .Select(i => (Id: PointId.FromNumber((ulong)i), Vector: ReferenceSearch.RandomVector(random, dimension)))
            .ToList();
        foreach (var chunk in points.Chunk(1000))
        {
            collection.Upsert([.. chunk.Select(p => new PointRecord(p.Id, p.Vector, JsonSerializer.SerializeToElement(new { bucket = Bucket(p.Id) })))]);
        }

        return (collection, points);
    }

    /// <summary>Same ids in the same order, scores equal to 1e-4; near-ties may swap neighbours, nothing else.</summary>
    private static void AssertSameRanking(List<(PointId Id, double Score)> expected, IReadOnlyList<ScoredPoint> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Score, actual[i].Score, 1e-4);
            if (expected[i].Id != actual[i].Id)
            {
                var tie = expected.FindIndex(e => e.Id == actual[i].Id);
                Assert.True(tie >= 0 && Math.Abs(expected[tie].Score - expected[i].Score) < 1e-4, $"rank {i}: expected {expected[i].Id}, got {actual[i].Id}");
            }
        }
    }
}
