using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>GetClusterPerformanceMetrics against the real host and LocalClusters.</summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class TuningMetricsTests(SpecializationFixture fixture)
{
    private static string NewLibrary() => $"tmet-{Guid.NewGuid():N}"[..13];

    [Fact]
    public async Task Metrics_SplitCollectionsIntoLibraryAndDomain_WithSizesAndTheLatestLoad()
    {
        var library = NewLibrary();
        await TuningCalls.CreateAsync(fixture.Cluster("local-b"), library, "d1", 120);
        await TuningCalls.CreateAsync(fixture.Cluster("local-b"), library, "unassigned", 30);
        var load = new ClusterLoadEvent
        {
            Reporter = "metrics-tests",
            WindowStart = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Window = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)),
            Clusters = { new ClusterLoad { Cluster = new ClusterRef { Name = "local-b" }, LatencyP99Ms = 7.5, RequestRatePerSecond = 33 } },
        };
        await TuningCalls.PublishAsync(fixture, Topics.ClusterLoad, load);
        var request = new GetClusterPerformanceMetricsRequest { Library = library, Clusters = { new ClusterRef { Name = "local-b" } } };

        ClusterPerformance? cluster = null;
        await Eventually.TrueAsync(
            async () => (cluster = (await fixture.Client.GetClusterPerformanceMetricsAsync(request).ResponseAsync).Clusters.Single()).Load?.LatencyP99Ms == 7.5,
            "the reported load in the metrics");

        Assert.NotNull(cluster);
        Assert.Equal(("local-b", HealthStatus.Healthy), (cluster.Cluster.Name, cluster.Health));
        Assert.Equal([($"{library}__d1", library, "d1", 120ul, 120ul * 8 * 4), ($"{library}__unassigned", library, "unassigned", 30ul, 30ul * 8 * 4)],
            cluster.Collections.Select(c => (c.CollectionName, c.Library, c.DomainId, c.PointCount, c.SizeBytes)));
        Assert.True(cluster.PointCount >= 150, $"points {cluster.PointCount}");
        var capacity = (await fixture.Admin.GetClusterConfigAsync(new GetClusterConfigRequest()).ResponseAsync.Within()).Clusters.Single(c => c.Name == "local-b").CapacityPoints;
        Assert.Equal(capacity == 0 ? 0 : Math.Min(1, cluster.PointCount / (double)capacity), cluster.FillRatio, 9);
    }

    [Fact]
    public async Task ALoadReportWithMalformedTimes_IsStillRecorded_DatedByTheEvent()
    {
        var load = new ClusterLoadEvent
        {
            Reporter = "another-publisher",
            WindowStart = new Timestamp { Seconds = 1, Nanos = -1 },
            Window = new Duration { Seconds = 5, Nanos = -1 },
            Clusters = { new ClusterLoad { Cluster = new ClusterRef { Name = "local-c" }, LatencyP99Ms = 9.25, RequestRatePerSecond = 4 } },
        };
        await TuningCalls.PublishAsync(fixture, Topics.ClusterLoad, load);
        var request = new GetClusterPerformanceMetricsRequest { Clusters = { new ClusterRef { Name = "local-c" } } };

        await Eventually.TrueAsync(
            async () => (await fixture.Client.GetClusterPerformanceMetricsAsync(request).ResponseAsync).Clusters.Single().Load?.LatencyP99Ms == 9.25,
            "the malformed report's load in the metrics");
    }

    [Fact]
    public async Task AllClusters_AreDescribed_AndADownOneIsDown_WithoutFailingTheCall()
    {
        fixture.ClusterProcess("local-c").Kill();
        try
        {
            var response = await fixture.Client.GetClusterPerformanceMetricsAsync(new GetClusterPerformanceMetricsRequest()).ResponseAsync.Within();

            Assert.Equal(SpecializationFixture.ClusterNames, response.Clusters.Select(c => c.Cluster.Name));
            var down = response.Clusters.Single(c => c.Cluster.Name == "local-c");
            Assert.Equal(HealthStatus.Down, down.Health);
            Assert.Equal((0ul, 0ul), (down.PointCount, down.SizeBytes));
            Assert.Empty(down.Collections);
            Assert.All(response.Clusters.Where(c => c.Cluster.Name != "local-c"), c => Assert.Equal(HealthStatus.Healthy, c.Health));
        }
        finally
        {
            await fixture.BringBackAsync("local-c");
        }
    }

    [Fact]
    public async Task FillRatio_IsPointsOverConfiguredCapacity()
    {
        var library = NewLibrary();
        await TuningCalls.CreateAsync(fixture.Cluster("local-c"), library, "d1", 500);
        await fixture.StartHostAsync(("CLUSTERS__LOCAL_C__CAPACITY_POINTS", "2000"));
        try
        {
            var response = await fixture.Client.GetClusterPerformanceMetricsAsync(new GetClusterPerformanceMetricsRequest { Clusters = { new ClusterRef { Name = "local-c" } } }).ResponseAsync.Within();

            var cluster = Assert.Single(response.Clusters);
            Assert.True(cluster.PointCount >= 500, $"points {cluster.PointCount}");
            Assert.Equal(Math.Min(1, cluster.PointCount / 2000.0), cluster.FillRatio, 9);
            Assert.True(cluster.FillRatio >= 0.25, $"fill {cluster.FillRatio}");
        }
        finally
        {
            await fixture.StartHostAsync();
        }
    }

    [Fact]
    public async Task BadInput_IsRefused_NamingTheField()
    {
        var cases = new (GetClusterPerformanceMetricsRequest Request, StatusCode Code, string Start)[]
        {
            (new() { Clusters = { new ClusterRef { Name = "mars-1" } } }, StatusCode.NotFound, "clusters: 'mars-1' is not a configured cluster"),
            (new() { Clusters = { new ClusterRef() } }, StatusCode.InvalidArgument, "clusters: an entry has no name"),
            (new() { Library = "Not A Library" }, StatusCode.InvalidArgument, "library: 'Not A Library' is not a library name"),
        };

        await TuningCalls.AssertRefusedAsync(r => fixture.Client.GetClusterPerformanceMetricsAsync(r), cases);
    }
}
