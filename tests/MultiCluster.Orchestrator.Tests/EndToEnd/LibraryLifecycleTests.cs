using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Tests.EndToEnd.Ingest;
using MultiCluster.TestInfrastructure;
using Xunit;
using ClusterDistance = MultiCluster.Clusters.Distance;
using Distance = MultiCluster.Contracts.V1.Distance;

namespace MultiCluster.Orchestrator.Tests.EndToEnd;

/// <summary>CreateLibrary, ListLibraries and DropLibrary over the network, against the real mesh and clusters.</summary>
[Collection(MeshHostGroup.Name)]
public sealed class LibraryLifecycleTests(OrchestratorFixture mesh)
{
    [Fact]
    public async Task CreateLibrary_StoresIt_AndCreatesItsUnassignedCollectionOnTheDefaultCluster()
    {
        var response = await mesh.Client.CreateLibraryAsync(new CreateLibraryRequest { Name = "lc-create", Dimension = 8, Distance = Distance.Euclid, Description = "shoes" }).ResponseAsync.Within();

        Assert.True(response.Created);
        Assert.Equal(("lc-create", 8u, Distance.Euclid, "shoes"), (response.Library.Name, response.Library.Dimension, response.Library.Distance, response.Library.Description));
        var collection = await mesh.Cluster("local-a").DescribeCollectionAsync(LibraryName.Collection("lc-create", LibraryName.Unassigned)).Within();
        Assert.Equal((8, ClusterDistance.Euclid), (collection.Spec.VectorSize, collection.Spec.Distance));
    }

    [Fact]
    public async Task CreateLibrary_IsIdempotent_ButRefusesTheSameNameWithOtherSettings()
    {
        var request = new CreateLibraryRequest { Name = "lc-again", Dimension = 4, Distance = Distance.Cosine };
        await mesh.Client.CreateLibraryAsync(request).ResponseAsync.Within();

        var again = await mesh.Client.CreateLibraryAsync(request).ResponseAsync.Within();
        var other = await Assert.ThrowsAsync<RpcException>(() => mesh.Client.CreateLibraryAsync(new CreateLibraryRequest { Name = "lc-again", Dimension = 5, Distance = Distance.Cosine }).ResponseAsync.Within());

        Assert.False(again.Created);
        Assert.Equal(StatusCode.AlreadyExists, other.StatusCode);
        Assert.StartsWith("name: library 'lc-again' exists with dimension 4", other.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bad Name", 4, Distance.Cosine, "name:")]
    [InlineData("a__b", 4, Distance.Cosine, "name:")]
    [InlineData("lc-bad", 0, Distance.Cosine, "dimension:")]
    [InlineData("lc-bad", 65_537, Distance.Cosine, "dimension:")]
    [InlineData("lc-bad", 4, Distance.Unspecified, "distance:")]
    public async Task CreateLibrary_RefusesBadInput_NamingTheField(string name, uint dimension, Distance distance, string field)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => mesh.Client.CreateLibraryAsync(new CreateLibraryRequest { Name = name, Dimension = dimension, Distance = distance }).ResponseAsync.Within());

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith(field, refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListLibraries_PagesInNameOrder_WithOpaqueTokens()
    {
        foreach (var name in new[] { "lc-list-c", "lc-list-a", "lc-list-b" })
        {
            await mesh.Client.CreateLibraryAsync(new CreateLibraryRequest { Name = name, Dimension = 2, Distance = Distance.Dot }).ResponseAsync.Within();
        }

        var names = new List<string>();
        var token = "";
        do
        {
            var page = await mesh.Client.ListLibrariesAsync(new ListLibrariesRequest { Pagination = new Pagination { PageSize = 2, PageToken = token } }).ResponseAsync.Within();
            Assert.True(page.Libraries.Count <= 2);
            names.AddRange(page.Libraries.Select(l => l.Name));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(["lc-list-a", "lc-list-b", "lc-list-c"], names.Where(n => n.StartsWith("lc-list-", StringComparison.Ordinal)));
        var refused = await Assert.ThrowsAsync<RpcException>(() => mesh.Client.ListLibrariesAsync(new ListLibrariesRequest { Pagination = new Pagination { PageToken = "not-a-token" } }).ResponseAsync.Within());
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith("pagination.page_token:", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListLibraries_CountsEachLibrarysPoints_WithinSeconds()
    {
        await mesh.CreateAsync("lc-counted", 2);
        await mesh.UpsertAsync("lc-counted", [IngestCalls.Point(1, [1, 0]), IngestCalls.Point(2, [0, 1]), IngestCalls.Point(3, [1, 1])]);

        // Refreshed in the background: the first listings may show the count before the upsert.
        var listed = await Eventually.ValueAsync(
            async () => (await mesh.Client.ListLibrariesAsync(new ListLibrariesRequest { Pagination = new Pagination { PageSize = 1000 } }).ResponseAsync).Libraries.Single(l => l.Name == "lc-counted"),
            l => l.PointCount == 3, "ListLibraries to count the 3 points of lc-counted", Bounded.Timeout, TimeSpan.FromMilliseconds(250), l => $"point_count {l.PointCount}");

        Assert.Equal(3ul, listed.PointCount);
    }

    [Fact]
    public async Task DropLibrary_RemovesEveryCollectionOfTheLibraryOnEveryCluster_AndNothingElse()
    {
        await mesh.Client.CreateLibraryAsync(new CreateLibraryRequest { Name = "lc-drop", Dimension = 3, Distance = Distance.Cosine }).ResponseAsync.Within();
        await mesh.Cluster("local-b").CreateCollectionAsync(new CollectionSpec(LibraryName.Collection("lc-drop", "d1"), 3, ClusterDistance.Cosine)).Within();
        await mesh.Cluster("local-b").CreateCollectionAsync(new CollectionSpec("lc-dropx__d1", 3, ClusterDistance.Cosine)).Within();

        var dropped = await mesh.Client.DropLibraryAsync(new DropLibraryRequest { Name = "lc-drop" }).ResponseAsync.Within();

        Assert.True(dropped.Dropped);
        Assert.Equal(2u, dropped.CollectionsDeleted);
        Assert.Empty(dropped.FailedClusters);
        foreach (var name in OrchestratorFixture.ClusterNames)
        {
            Assert.DoesNotContain(await mesh.Cluster(name).ListCollectionsAsync().Within(), c => c.StartsWith("lc-drop__", StringComparison.Ordinal));
        }

        Assert.Contains("lc-dropx__d1", await mesh.Cluster("local-b").ListCollectionsAsync().Within());
        var missing = await Assert.ThrowsAsync<RpcException>(() => mesh.Client.DropLibraryAsync(new DropLibraryRequest { Name = "lc-drop" }).ResponseAsync.Within());
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.False((await mesh.Client.DropLibraryAsync(new DropLibraryRequest { Name = "lc-drop", IfExists = true }).ResponseAsync.Within()).Dropped);
    }

    [Fact]
    public async Task Libraries_SurviveARestartOfTheOrchestrator()
    {
        await mesh.Client.CreateLibraryAsync(new CreateLibraryRequest { Name = "lc-durable", Dimension = 16, Distance = Distance.Cosine }).ResponseAsync.Within();

        mesh.KillOrchestrator();
        await mesh.StartOrchestratorAsync().Within();

        var again = await mesh.Client.CreateLibraryAsync(new CreateLibraryRequest { Name = "lc-durable", Dimension = 16, Distance = Distance.Cosine }).ResponseAsync.Within();
        Assert.False(again.Created);
        Assert.Equal(16u, again.Library.Dimension);
    }
}
