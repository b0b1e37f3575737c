using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using Distance = MultiCluster.Clusters.Distance;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>UpdateClusterConfiguration against the real host and LocalClusters.</summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class TuningConfigurationTests(SpecializationFixture fixture)
{
    private static string NewLibrary() => $"tcfg-{Guid.NewGuid():N}"[..13];

    [Fact]
    public async Task Update_WithoutRoutingTable_ChangesEveryCopy_AndReportsTheSettingsInEffect()
    {
        var library = NewLibrary();
        await TuningCalls.CreateAsync(fixture.Cluster("local-a"), library, "d1", 50);
        await TuningCalls.CreateAsync(fixture.Cluster("local-b"), library, "d1", 50);

        var response = await fixture.Client.UpdateClusterConfigurationAsync(new UpdateClusterConfigurationRequest
        {
            Library = library,
            DomainId = "d1",
            Settings = new CollectionSettings { HnswM = 32, Quantization = Quantization.ScalarInt8, ScalarQuantile = 0.95f, IndexingThresholdKb = 4_000 },
        }).ResponseAsync.Within();

        Assert.Equal(["local-a", "local-b"], response.Results.Select(r => r.Cluster.Name));
        Assert.All(response.Results, r =>
        {
            Assert.Null(r.Error);
            Assert.Equal($"{library}__d1", r.CollectionName);
            Assert.Equal((32u, 100u, Quantization.ScalarInt8, 0.95f, 4_000ul), (r.Settings.HnswM, r.Settings.HnswEfConstruct, r.Settings.Quantization, r.Settings.ScalarQuantile, r.Settings.IndexingThresholdKb));
            Assert.True(r.Reindexing);
        });
        var described = (await fixture.Cluster("local-b").DescribeCollectionAsync($"{library}__d1").Within()).Spec;
        Assert.Equal((32, new ScalarQuantization(0.95f, null)), (described.HnswM, described.Quantization));
        var history = await TuningCalls.ScalarAsync(fixture, "SELECT summary FROM specialization_history WHERE kind = 4 AND library = @library", ("library", library));
        Assert.Contains("d1: fields hnsw_m, indexing_threshold_kb, quantization, scalar_quantile on local-a, local-b", (string)history!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_OfOneCluster_LeavesTheOtherCopies_AndAMaskSetsFalseValues()
    {
        var library = NewLibrary();
        await TuningCalls.CreateAsync(fixture.Cluster("local-a"), library, "d2", 10, new CollectionSpec("", 8, Distance.Cosine, OnDisk: true));
        await TuningCalls.CreateAsync(fixture.Cluster("local-c"), library, "d2", 10, new CollectionSpec("", 8, Distance.Cosine, OnDisk: true));

        var response = await fixture.Client.UpdateClusterConfigurationAsync(new UpdateClusterConfigurationRequest
        {
            Library = library,
            DomainId = "d2",
            Cluster = new ClusterRef { Name = "local-c" },
            Settings = new CollectionSettings { OnDisk = false, HnswM = 99 },
            UpdateMask = new FieldMask { Paths = { "on_disk" } },
        }).ResponseAsync.Within();

        var result = Assert.Single(response.Results);
        Assert.Equal("local-c", result.Cluster.Name);
        Assert.False(result.Settings.OnDisk);
        Assert.Equal(16u, result.Settings.HnswM);
        Assert.False(result.Reindexing);
        Assert.True((await fixture.Cluster("local-a").DescribeCollectionAsync($"{library}__d2").Within()).Spec.OnDisk);
    }

    [Fact]
    public async Task Update_FollowsTheRoutingTable_AndStoresTheSettingsInThePlacement()
    {
        var library = NewLibrary();
        await TuningCalls.CreateAsync(fixture.Cluster("local-a"), library, "d3", 10);
        await TuningCalls.CreateAsync(fixture.Cluster("local-b"), library, "d3", 10);
        await TuningCalls.RouteAsync(fixture, library, TuningCalls.Entry(library, "d3", "local-b"));
        var placement = new Contracts.V1.Placement { Library = library, DomainId = "d3", CollectionName = $"{library}__d3", Primary = new ClusterRef { Name = "local-b" }, Settings = new CollectionSettings { HnswEf = 40 }, State = PlacementState.Active };
        await TuningCalls.ExecuteAsync(fixture, "INSERT INTO placements (library, domain_id, map_version, placement) VALUES (@l, 'd3', 1, @p)", ("l", library), ("p", placement.ToByteArray()));

        var response = await fixture.Client.UpdateClusterConfigurationAsync(new UpdateClusterConfigurationRequest
        {
            Library = library,
            DomainId = "d3",
            Settings = new CollectionSettings { HnswEfConstruct = 200, Quantization = Quantization.Product, ProductCompressionRatio = 8 },
        }).ResponseAsync.Within();

        var result = Assert.Single(response.Results);
        Assert.Equal("local-b", result.Cluster.Name);
        Assert.Equal((200u, Quantization.Product, 8u, 40u), (result.Settings.HnswEfConstruct, result.Settings.Quantization, result.Settings.ProductCompressionRatio, result.Settings.HnswEf));
        Assert.Equal(100, (await fixture.Cluster("local-a").DescribeCollectionAsync($"{library}__d3").Within()).Spec.HnswEfConstruct);
        var stored = Contracts.V1.Placement.Parser.ParseFrom((byte[])(await TuningCalls.ScalarAsync(fixture, "SELECT placement FROM placements WHERE library = @l", ("l", library)))!);
        Assert.Equal((200u, Quantization.Product, 40u, PlacementState.Active), (stored.Settings.HnswEfConstruct, stored.Settings.Quantization, stored.Settings.HnswEf, stored.State));
    }

    [Fact]
    public async Task Update_WithOneClusterDown_ReportsItsError_AndChangesTheOthers()
    {
        var library = NewLibrary();
        await TuningCalls.CreateAsync(fixture.Cluster("local-a"), library, "d4", 10);
        await TuningCalls.CreateAsync(fixture.Cluster("local-c"), library, "d4", 10);
        await TuningCalls.RouteAsync(fixture, library, TuningCalls.Entry(library, "d4", "local-a", "local-c"));
        fixture.ClusterProcess("local-c").Kill();
        try
        {
            var response = await fixture.Client.UpdateClusterConfigurationAsync(new UpdateClusterConfigurationRequest { Library = library, DomainId = "d4", Settings = new CollectionSettings { HnswM = 12 } }).ResponseAsync.Within();

            var up = response.Results.Single(r => r.Cluster.Name == "local-a");
            var down = response.Results.Single(r => r.Cluster.Name == "local-c");
            Assert.Null(up.Error);
            Assert.Equal(12u, up.Settings.HnswM);
            Assert.Equal("UNAVAILABLE", down.Error.Code);
            Assert.True(down.Error.Retryable);
            Assert.Contains("local-c", down.Error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.BringBackAsync("local-c");
        }
    }

    [Fact]
    public async Task Update_WhoseOnlyCopyIsOnADownCluster_IsUnavailableNamingIt_NotNotFound()
    {
        var library = NewLibrary();
        await TuningCalls.CreateAsync(fixture.Cluster("local-c"), library, "d6", 10);
        fixture.ClusterProcess("local-c").Kill();
        try
        {
            foreach (var cluster in new ClusterRef?[] { null, new() { Name = "local-c" } })
            {
                var request = new UpdateClusterConfigurationRequest { Library = library, DomainId = "d6", Cluster = cluster, Settings = new CollectionSettings { HnswM = 12 } };

                var refused = await Assert.ThrowsAsync<RpcException>(() => fixture.Client.UpdateClusterConfigurationAsync(request).ResponseAsync.Within());

                Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
                Assert.StartsWith("cluster: 'local-c' did not answer", refused.Status.Detail, StringComparison.Ordinal);
            }
        }
        finally
        {
            await fixture.BringBackAsync("local-c");
        }

        Assert.Equal(16, (await fixture.Cluster("local-c").DescribeCollectionAsync($"{library}__d6").Within()).Spec.HnswM);
    }

    [Fact]
    public async Task Update_WithACopyFoundAndAnotherClusterDown_ChangesTheCopy_AndReportsTheDownClusterUnavailable()
    {
        var library = NewLibrary();
        await TuningCalls.CreateAsync(fixture.Cluster("local-a"), library, "d7", 10);
        await TuningCalls.CreateAsync(fixture.Cluster("local-c"), library, "d7", 10);
        fixture.ClusterProcess("local-c").Kill();
        try
        {
            var response = await fixture.Client.UpdateClusterConfigurationAsync(new UpdateClusterConfigurationRequest { Library = library, DomainId = "d7", Settings = new CollectionSettings { HnswM = 12 } }).ResponseAsync.Within();

            Assert.Null(response.Results.Single(r => r.Cluster.Name == "local-a").Error);
            var down = response.Results.Single(r => r.Cluster.Name == "local-c").Error;
            Assert.Equal(("UNAVAILABLE", true), (down.Code, down.Retryable));
            Assert.Contains("local-c", down.Message, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.BringBackAsync("local-c");
        }
    }

    [Fact]
    public async Task BadInput_IsRefused_NamingTheField()
    {
        var library = NewLibrary();
        await TuningCalls.CreateAsync(fixture.Cluster("local-a"), library, "d5", 1);
        UpdateClusterConfigurationRequest Request(Action<UpdateClusterConfigurationRequest> change)
        {
            var request = new UpdateClusterConfigurationRequest { Library = library, DomainId = "d5", Settings = new CollectionSettings { HnswM = 8 } };
            change(request);
            return request;
        }

        var cases = new (UpdateClusterConfigurationRequest Request, StatusCode Code, string Start)[]
        {
            (Request(r => r.Library = "no-such-library"), StatusCode.NotFound, "library: 'no-such-library' has no routing table and no collection"),
            (Request(r => r.DomainId = "d404"), StatusCode.NotFound, "domain_id: no cluster holds"),
            (Request(r => r.Cluster = new ClusterRef { Name = "mars-1" }), StatusCode.NotFound, "cluster: 'mars-1' is not a configured cluster"),
            (Request(r => r.Cluster = new ClusterRef { Name = "local-b" }), StatusCode.NotFound, $"cluster: 'local-b' holds no copy of '{library}__d5'"),
            (Request(r => r.Settings.HnswM = 200), StatusCode.InvalidArgument, "settings.hnsw_m: 200 is above 128"),
            (Request(r => r.UpdateMask = new FieldMask { Paths = { "hnsw", "hnsw_m" } }), StatusCode.InvalidArgument, "update_mask: 'hnsw' is not a field of CollectionSettings"),
            (Request(r => r.Settings = new CollectionSettings()), StatusCode.InvalidArgument, "settings: every field is zero"),
            (Request(r => r.Library = "Bad Name"), StatusCode.InvalidArgument, "library: 'Bad Name' is not a library name"),
            (Request(r => r.DomainId = ""), StatusCode.InvalidArgument, "domain_id: '' is not a domain id"),
        };

        await TuningCalls.AssertRefusedAsync(r => fixture.Client.UpdateClusterConfigurationAsync(r), cases);

        Assert.Equal(16, (await fixture.Cluster("local-a").DescribeCollectionAsync($"{library}__d5").Within()).Spec.HnswM);
    }
}
