using MultiCluster.LocalCluster.Filtering;
using MultiCluster.LocalCluster.Search;
using MultiCluster.LocalCluster.Storage;
using MultiCluster.LocalCluster.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Storage;

/// <summary>Searches and reads run while writes proceed, and never observe half of a write.</summary>
public sealed class ConcurrencyTests
{
    private const int BatchSize = 100;

    [Fact]
    public async Task ReadersDuringWrites_SeeEachBatchWholeOrNotAtAll()
    {
        using var collection = VectorCollection.CreateInMemory(CollectionConfig.Of(16, Distance.Cosine));
        var written = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        // Dedicated threads: on a busy two-core machine, pool threads would start too late to overlap.
        var writer = Task.Factory.StartNew(() =>
        {
            var random = new Random(1);
            for (var batch = 0; !stop.IsCancellationRequested; batch++)
            {
                collection.Upsert([.. Enumerable.Range(0, BatchSize).Select(i =>
                    Points.Make((ulong)((batch * BatchSize) + i), ReferenceSearch.RandomVector(random, 16), new { batch }))]);
                Volatile.Write(ref written, batch + 1);
            }
        }, TaskCreationOptions.LongRunning);
        var readers = Enumerable.Range(0, 3).Select(r => Task.Factory.StartNew(() =>
        {
            var random = new Random(r);
            var observations = 0;
            while (!stop.IsCancellationRequested)
            {
                var batch = random.Next(0, Volatile.Read(ref written) + 1);
                var filter = new Filter(Must: [new MatchValueCondition(PayloadPath.Parse("batch"), MatchScalar.Of(batch))]);
                var count = collection.CountMatching(filter);
                var hits = collection.Search(new SearchRequest(ReferenceSearch.RandomVector(random, 16), BatchSize * 2) { Filter = filter });
                Assert.True(count is 0 or BatchSize, $"batch {batch}: counted {count} of {BatchSize}");
                Assert.True(hits.Count is 0 or BatchSize, $"batch {batch}: search found {hits.Count} of {BatchSize}");
                observations++;
            }

            return observations;
        }, TaskCreationOptions.LongRunning)).ToArray();

        await writer.Within();
        var observed = await Task.WhenAll(readers).Within();

        Assert.True(Volatile.Read(ref written) > 10, "the writer made progress");
        Assert.All(observed, o => Assert.True(o > 10, "every reader made progress alongside the writer"));
    }

    [Fact]
    public void WriteToADroppedCollection_IsNotFound()
    {
        var collection = VectorCollection.CreateInMemory(CollectionConfig.Of(2, Distance.Dot), "dropped");
        collection.Dispose();

        var error = Assert.Throws<StorageException>(() => collection.Upsert([Points.Make(1, [1, 2])]));

        Assert.Equal(StorageErrorKind.NotFound, error.Kind);
        Assert.Equal("Collection `dropped` doesn't exist!", error.Message);
    }
}
