using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using Condition = MultiCluster.Contracts.V1.Condition;
using Distance = MultiCluster.Contracts.V1.Distance;
using Filter = MultiCluster.Contracts.V1.Filter;
using MatchCondition = MultiCluster.Contracts.V1.MatchCondition;
using MatchValue = MultiCluster.Contracts.V1.MatchValue;
using static MultiCluster.Orchestrator.Tests.EndToEnd.Ingest.IngestCalls;

namespace MultiCluster.Orchestrator.Tests.EndToEnd.Ingest;

/// <summary>Upsert, Get, Delete and GetLibraryStatus of a library no discovery has run on: everything lives in "unassigned".</summary>
[Collection(MeshHostGroup.Name)]
public sealed class IngestBeforeDiscoveryTests(OrchestratorFixture mesh)
{
    [Fact]
    public async Task Upsert_BeforeAnyDiscovery_LandsInUnassignedOnTheDefaultCluster()
    {
        await mesh.CreateAsync("ing-first", 3);

        var response = await mesh.UpsertAsync("ing-first", [Point(1, [1, 0, 0]), Point(2, [0, 1, 0], "shirt")]);

        Assert.Equal((2ul, false), (response.UpsertedCount, response.Partial));
        Assert.All(response.Assignments, a => Assert.Equal((LibraryName.Unassigned, "local-a"), (a.DomainId, a.Clusters.Single().Name)));
        var stored = await mesh.Cluster("local-a").RetrieveAsync(LibraryName.Collection("ing-first", LibraryName.Unassigned), ["1", "2"]).Within();
        Assert.Equal(["1", "2"], stored.Select(p => p.Id).Order());
        Assert.Equal("shirt", stored.Single(p => p.Id == "2").Payload!["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_ReturnsPointsInRequestOrder_WithClusterAndDomain_AndListsMissingIds()
    {
        await mesh.CreateAsync("ing-get", 2);
        await mesh.UpsertAsync("ing-get", [Point(7, [1, 2], "a"), Point(3, [2, 1], "b")]);

        var got = await mesh.GetAsync("ing-get", "3", "99", "7");

        Assert.Equal(["3", "7"], got.Points.Select(p => p.Id));
        Assert.Equal(["99"], got.MissingIds);
        Assert.All(got.Points, p => Assert.Equal(("local-a", LibraryName.Unassigned), (p.Cluster.Name, p.DomainId)));
        Assert.Equal("b", got.Points[0].Payload.Fields["label"].StringValue);
        Assert.False(got.Partial);
    }

    [Fact]
    public async Task Upsert_SameIdTwiceInABatch_KeepsTheLast()
    {
        await mesh.CreateAsync("ing-twice", 2);

        var response = await mesh.UpsertAsync("ing-twice", [Point(5, [1, 0], "first"), Point(5, [0, 1], "last")]);

        Assert.Equal(1ul, response.UpsertedCount);
        Assert.Equal("last", (await mesh.GetAsync("ing-twice", "5")).Points.Single().Payload.Fields["label"].StringValue);
    }

    [Fact]
    public async Task Delete_ByIds_AndByFilter_RemovesExactlyThosePoints()
    {
        await mesh.CreateAsync("ing-delete", 2);
        await mesh.UpsertAsync("ing-delete", [Point(1, [1, 0], "keep"), Point(2, [0, 1], "drop"), Point(3, [1, 1], "drop"), Point(4, [1, 2], "keep")]);

        var byIds = await mesh.Client.DeleteAsync(new DeleteRequest { Library = "ing-delete", Ids = new PointIdList { Ids = { "1" } }, Wait = true }).ResponseAsync.Within();
        var filter = new Filter { Must = { new Condition { Field = new FieldCondition { Key = "label", Match = new MatchCondition { Value = new MatchValue { Keyword = "drop" } } } } } };
        var byFilter = await mesh.Client.DeleteAsync(new DeleteRequest { Library = "ing-delete", Filter = filter, Wait = true }).ResponseAsync.Within();

        Assert.False(byIds.Partial || byFilter.Partial);
        var left = await mesh.GetAsync("ing-delete", "1", "2", "3", "4");
        Assert.Equal(["4"], left.Points.Select(p => p.Id));
        Assert.Equal(["1", "2", "3"], left.MissingIds);
    }

    [Fact]
    public async Task GetLibraryStatus_BeforeDiscovery_ShowsUnassignedWithItsCount_AndHealthy()
    {
        await mesh.CreateAsync("ing-status", 2);
        await mesh.UpsertAsync("ing-status", [Point(1, [1, 0]), Point(2, [0, 1]), Point(3, [1, 1])]);

        var status = await mesh.Client.GetLibraryStatusAsync(new GetLibraryStatusRequest { Name = "ing-status" }).ResponseAsync.Within();

        var domain = Assert.Single(status.Domains);
        Assert.Equal((LibraryName.Unassigned, "ing-status__unassigned", "local-a", 3ul), (domain.DomainId, domain.CollectionName, domain.Primary.Name, domain.PointCount));
        Assert.Equal((HealthStatus.Healthy, 0ul), (status.Health, status.DomainMapVersion));
        Assert.Equal(3ul, status.Library.PointCount);
    }

    [Fact]
    public async Task UpsertStream_OfFashionMnist_WritesEveryPointOnce_WithExactCounts()
    {
        const int Count = 20_000;
        await mesh.CreateAsync("ing-stream", FashionPoints.Dimension, Distance.Euclid);
        var points = FashionPoints.Read(Count);

        using var call = mesh.Client.UpsertStream(deadline: DateTime.UtcNow + TimeSpan.FromMinutes(5));
        var first = true;
        foreach (var batch in points.Chunk(700))
        {
            var message = new UpsertStreamRequest { Library = first ? "ing-stream" : "", Wait = true };
            message.Points.AddRange(batch);
            await call.RequestStream.WriteAsync(message).Within();
            first = false;
        }

        await call.RequestStream.CompleteAsync().Within();
        var summary = await call.ResponseAsync.WaitAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(((ulong)Count, (ulong)((Count + 699) / 700), 0ul, false), (summary.UpsertedCount, summary.BatchCount, summary.FailureCount, summary.Partial));
        Assert.Equal(Count, await mesh.Cluster("local-a").CountAsync(LibraryName.Collection("ing-stream", LibraryName.Unassigned)).Within());
    }
}
