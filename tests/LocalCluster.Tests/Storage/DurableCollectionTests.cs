using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MultiCluster.LocalCluster.Storage;
using MultiCluster.LocalCluster.Storage.Catalog;
using MultiCluster.LocalCluster.Tests.Infrastructure;
using Xunit;

namespace MultiCluster.LocalCluster.Tests.Storage;

/// <summary>A collection's writes survive a crash: replayed from the log, or loaded from a checkpoint plus the log.</summary>
public sealed class DurableCollectionTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public void WritesAreReplayedAfterACrash_WithExactVectorsAndPayloads()
    {
        using (var catalog = Open())
        {
            catalog.Create("books", CollectionConfig.Of(3, Distance.Dot));
            var books = catalog.Get("books");
            books.Upsert([Points.Make(1, [0.1f, 0.2f, 0.3f], new { title = "Dune" }), Points.Make(2, [1, 2, 3])]);
            books.SetPayload(Points.Ids(2), JsonSerializer.SerializeToElement(new { title = "Emma", year = 1815 }));
            books.Delete(Points.Ids(1));
            books.Upsert([Points.Make(3, [-1, 0, 1e-7f], new { nested = new { a = 1 } })]);
            Crash(catalog);
        }

        using var reopened = Open();
        var collection = reopened.Get("books");
        Assert.Equal(2, collection.Count);
        Assert.Null(Points.Get(collection, 1));
        Assert.Equal("""{"title":"Emma","year":1815}""", Points.Get(collection, 2)!.Payload!.Value.GetRawText());
        Assert.Equal([-1f, 0f, 1e-7f], Points.Get(collection, 3)!.Vector!);
        Assert.Equal(4UL, collection.LastOperationId);
    }

    [Fact]
    public void Checkpoints_TruncateTheLog_AndReopenFromStatePlusLog()
    {
        using (var catalog = Open(checkpointEvery: 3))
        {
            catalog.Create("c", CollectionConfig.Of(2, Distance.Euclid));
            var collection = catalog.Get("c");
            for (ulong i = 0; i < 10; i++)
            {
                collection.Upsert([Points.Make(i, [i, -(float)i])]);
            }

            var directory = collection.Directory!;
            Assert.True(File.Exists(Path.Combine(directory, "state.bin")));
            Assert.True(new FileInfo(Path.Combine(directory, "wal.log")).Length < 100, "the log holds only the writes since the last checkpoint");
            Crash(catalog);
        }

        using var reopened = Open(checkpointEvery: 3);
        var c = reopened.Get("c");
        Assert.Equal(10, c.Count);
        Assert.Equal([9f, -9f], Points.Get(c, 9)!.Vector!);
        Assert.Equal(10UL, c.LastOperationId);
    }

    [Fact]
    public void TornLogTail_LosesOnlyTheTornWrite()
    {
        string log;
        using (var catalog = Open())
        {
            catalog.Create("c", CollectionConfig.Of(2, Distance.Dot));
            var collection = catalog.Get("c");
            collection.Upsert([Points.Make(1, [1, 1])]);
            collection.Upsert([Points.Make(2, [2, 2])]);
            log = Path.Combine(collection.Directory!, "wal.log");
            Crash(catalog);
        }

        using (var file = new FileStream(log, FileMode.Open))
        {
            file.SetLength(file.Length - 6);
        }

        using var reopened = Open();
        var c = reopened.Get("c");
        Assert.NotNull(Points.Get(c, 1));
        Assert.Null(Points.Get(c, 2));
        c.Upsert([Points.Make(2, [3, 3])]);
        Assert.Equal([3f, 3f], Points.Get(c, 2)!.Vector!);
    }

    [Fact]
    public void RejectedBatch_ChangesNothing_InMemoryOrOnDisk()
    {
        using var catalog = Open();
        catalog.Create("c", CollectionConfig.Of(2, Distance.Dot));
        var collection = catalog.Get("c");
        collection.Upsert([Points.Make(1, [1, 1])]);
        var logLength = new FileInfo(Path.Combine(collection.Directory!, "wal.log")).Length;

        Assert.Throws<StorageException>(() => collection.Upsert([Points.Make(2, [2, 2]), Points.Make(3, [3, 3, 3])]));
        Assert.Throws<StorageException>(() => collection.Upsert([Points.Make(4, [float.NaN, 1])]));

        Assert.Equal(1, collection.Count);
        Assert.Equal(logLength, new FileInfo(Path.Combine(collection.Directory!, "wal.log")).Length);
    }

    [Fact]
    public void DroppingACollection_RemovesItsFilesAndAliases()
    {
        using var catalog = Open();
        catalog.Create("gone", CollectionConfig.Of(2, Distance.Dot));
        catalog.UpdateAliases([new CreateAlias("g", "gone")]);
        var directory = catalog.Get("gone").Directory!;

        Assert.True(catalog.Drop("gone"));

        Assert.False(Directory.Exists(directory));
        Assert.Empty(catalog.Aliases);
        Assert.False(catalog.Drop("gone"));
        Assert.Throws<StorageException>(() => catalog.Get("g"));
    }

    [Fact]
    public void AliasActions_ApplyAllOrNothing_AndPersist()
    {
        using (var catalog = Open())
        {
            catalog.Create("a", CollectionConfig.Of(2, Distance.Dot));
            catalog.Create("b", CollectionConfig.Of(2, Distance.Dot));
            catalog.UpdateAliases([new CreateAlias("live", "a")]);

            var failure = Assert.Throws<StorageException>(() => catalog.UpdateAliases([new DeleteAlias("live"), new CreateAlias("x", "missing")]));

            Assert.Equal(StorageErrorKind.NotFound, failure.Kind);
            Assert.Equal([("live", "a")], catalog.Aliases);
            catalog.UpdateAliases([new DeleteAlias("live"), new CreateAlias("live", "b")]);
            Assert.Same(catalog.Get("b"), catalog.Get("live"));
        }

        using var reopened = Open();
        Assert.Equal([("live", "b")], reopened.Aliases);
    }

    [Fact]
    public void UpdatedConfiguration_IsKeptAcrossRestarts()
    {
        using (var catalog = Open())
        {
            catalog.Create("c", CollectionConfig.Of(2, Distance.Manhattan));
            var settings = JsonSerializer.SerializeToElement(new { @params = new { vectors = new { size = 2, distance = "Manhattan" } }, hnsw_config = new { m = 48 } });
            catalog.UpdateConfig("c", CollectionConfig.FromSettings(settings));
        }

        using var reopened = Open();
        Assert.Equal(48, reopened.Get("c").Config.Settings.GetProperty("hnsw_config").GetProperty("m").GetInt32());
        Assert.Equal(Distance.Manhattan, reopened.Get("c").Config.Distance);
    }

    [Fact]
    public void DamagedCheckpoint_StopsTheNodeFromOpening_InsteadOfServingWrongData()
    {
        string state;
        using (var catalog = Open(checkpointEvery: 1))
        {
            catalog.Create("c", CollectionConfig.Of(2, Distance.Dot));
            catalog.Get("c").Upsert([Points.Make(1, [1, 2], new { a = 1 })]);
            state = Path.Combine(catalog.Get("c").Directory!, "state.bin");
        }

        var bytes = File.ReadAllBytes(state);
        bytes[bytes.Length - 10] ^= 0x01;
        File.WriteAllBytes(state, bytes);

        var error = Assert.Throws<InvalidDataException>(() => Open());
        Assert.NotEmpty(error.Message);
    }

    public void Dispose() => _data.Dispose();

    private CollectionCatalog Open(int checkpointEvery = 10_000) => CollectionCatalog.Open(_data.Path, checkpointEvery, NullLogger.Instance);

    /// <summary>Closes the files the way a crash would: no final checkpoint, nothing flushed beyond what writes did.</summary>
    private static void Crash(CollectionCatalog catalog)
    {
        foreach (var collection in catalog.Collections)
        {
            collection.Dispose();
        }
    }
}
