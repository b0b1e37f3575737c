using MultiCluster.LocalCluster.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using Xunit;
using static Qdrant.Client.Grpc.Conditions;

namespace MultiCluster.LocalCluster.Tests.Interop;

/// <summary>
/// Qdrant's official .NET client (Qdrant.Client, gRPC), used as its README shows, against a LocalCluster node's gRPC
/// port with an API key: independent of our adapter, so the stand-in is held to Qdrant's wire by Qdrant's own code.
/// </summary>
public sealed class QdrantDotnetClientTests
{
    private const string Key = "dotnet-client-key";

    private static float[] V(params float[] components) => components;

    [Fact]
    public async Task OfficialClient_CreatesUpsertsQueriesSearchesScrollsCountsDeletes_AndListsSnapshots()
    {
        await using var node = await InProcessNode.StartAsync(o => o with { ApiKey = Key });
        using var client = new QdrantClient(node.GrpcAddress, apiKey: Key);

        await client.CreateCollectionAsync("dotnet_books", new VectorParams { Size = 3, Distance = Distance.Cosine }, hnswConfig: new HnswConfigDiff { M = 32 }).Within();
        var update = await client.UpsertAsync("dotnet_books",
        [
            new PointStruct { Id = 1, Vectors = V(1f, 0f, 0f), Payload = { ["genre"] = "fantasy", ["year"] = 1954 } },
            new PointStruct { Id = 2, Vectors = V(0.9f, 0.1f, 0f), Payload = { ["genre"] = "fantasy", ["year"] = 1937 } },
            new PointStruct { Id = Guid.Parse("5c56c793-69f3-4fbf-87e6-c4bf54c28c26"), Vectors = V(0f, 1f, 0f), Payload = { ["genre"] = "science" } },
            new PointStruct { Id = 4, Vectors = V(0f, 0f, 1f), Payload = { ["genre"] = "poetry" } },
        ]).Within();

        var hits = await client.QueryAsync("dotnet_books", V(1f, 0.05f, 0f), limit: 2, filter: MatchKeyword("genre", "fantasy"), payloadSelector: true).Within();
#pragma warning disable CS0618 // Search is deprecated in favour of Query; our adapter still uses it, so it is held to Qdrant's client too.
        var searched = await client.SearchAsync("dotnet_books", V(1f, 0.05f, 0f), limit: 2, filter: MatchKeyword("genre", "fantasy")).Within();
#pragma warning restore CS0618
        var page = await client.ScrollAsync("dotnet_books", limit: 2).Within();
        var count = await client.CountAsync("dotnet_books", Range("year", new Qdrant.Client.Grpc.Range { Gte = 1940 })).Within();
        await client.DeleteAsync("dotnet_books", 4ul).Within();
        var afterDelete = await client.CountAsync("dotnet_books").Within();
        var info = await client.GetCollectionInfoAsync("dotnet_books").Within();
        var snapshot = await client.CreateSnapshotAsync("dotnet_books").Within();
        var snapshots = await client.ListSnapshotsAsync("dotnet_books").Within();

        Assert.Equal(UpdateStatus.Completed, update.Status);
        Assert.Equal([1ul, 2ul], hits.Select(h => h.Id.Num));
        Assert.True(hits[0].Score > hits[1].Score);
        Assert.Equal("fantasy", hits[0].Payload["genre"].StringValue);
        Assert.Equal(hits.Select(h => (h.Id.Num, h.Score)), searched.Select(h => (h.Id.Num, h.Score)));
        Assert.Equal([1ul, 2ul], page.Result.Select(p => p.Id.Num));
        Assert.Equal(4ul, page.NextPageOffset.Num);
        Assert.Equal((1ul, 3ul), (count, afterDelete));
        Assert.Equal((3ul, Distance.Cosine, 32ul, 3ul), (info.Config.Params.VectorsConfig.Params.Size, info.Config.Params.VectorsConfig.Params.Distance, info.Config.HnswConfig.M, info.PointsCount));
        Assert.Equal(snapshot.Name, Assert.Single(snapshots).Name);
        Assert.Equal(["dotnet_books"], await client.ListCollectionsAsync().Within());
    }

    [Fact]
    public async Task OfficialClient_WithoutTheKey_IsRefused_AndHealthCheckNeedsNone()
    {
        await using var node = await InProcessNode.StartAsync(o => o with { ApiKey = Key });
        using var anonymous = new QdrantClient(node.GrpcAddress);

        var health = await anonymous.HealthAsync().Within();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => anonymous.ListCollectionsAsync().Within());

        Assert.Equal("1.18.0", health.Version);
        Assert.Contains("PermissionDenied", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Must provide an API key", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficialClient_SeesQdrantsErrorStatuses()
    {
        await using var node = await InProcessNode.StartAsync();
        using var client = new QdrantClient(node.GrpcAddress);
        await client.CreateCollectionAsync("dims", new VectorParams { Size = 3, Distance = Distance.Dot }).Within();

        var missing = await Assert.ThrowsAnyAsync<Exception>(() => client.GetCollectionInfoAsync("nope").Within());
        var duplicate = await Assert.ThrowsAnyAsync<Exception>(() => client.CreateCollectionAsync("dims", new VectorParams { Size = 3, Distance = Distance.Dot }).Within());
        var wrongSize = await Assert.ThrowsAnyAsync<Exception>(() => client.UpsertAsync("dims", [new PointStruct { Id = 1, Vectors = V(1f) }]).Within());

        Assert.Contains("StatusCode=\"NotFound\"", missing.Message, StringComparison.Ordinal);
        Assert.Contains("StatusCode=\"AlreadyExists\"", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("StatusCode=\"InvalidArgument\"", wrongSize.Message, StringComparison.Ordinal);
        Assert.Contains("Vector dimension error: expected dim: 3, got 1", wrongSize.Message, StringComparison.Ordinal);
    }
}
