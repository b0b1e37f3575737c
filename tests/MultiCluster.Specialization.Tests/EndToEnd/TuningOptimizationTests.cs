using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using Distance = MultiCluster.Clusters.Distance;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>OptimizeClusterConfig and the tuning schedule against the real host and LocalClusters.</summary>
[Collection(SpecializationHostGroup.Name)]
public sealed class TuningOptimizationTests(SpecializationFixture fixture)
{
    private static string NewLibrary() => $"topt-{Guid.NewGuid():N}"[..13];

    [Fact]
    public async Task SmallCollection_IsRecommendedALowThreshold_WithoutBeingChanged()
    {
        var library = NewLibrary();
        await TuningCalls.CreateAsync(fixture.Cluster("local-a"), library, "d1", 300, new CollectionSpec("", 8, Distance.Cosine, Quantization: new ScalarQuantization()));

        var response = await fixture.Client.OptimizeClusterConfigAsync(new OptimizeClusterConfigRequest { Library = library }).ResponseAsync.Within();

        var recommendation = Assert.Single(response.Recommendations);
        Assert.Equal(("d1", "local-a", $"{library}__d1", false), (recommendation.DomainId, recommendation.Cluster.Name, recommendation.CollectionName, recommendation.Applied));
        Assert.Equal((Quantization.ScalarInt8, Quantization.None, 1_000ul), (recommendation.Current.Quantization, recommendation.Recommended.Quantization, recommendation.Recommended.IndexingThresholdKb));
        Assert.StartsWith("Balanced strategy; 300 points is under 20,000", recommendation.Rationale, StringComparison.Ordinal);
        Assert.True(recommendation.ExpectedMemoryChangePercent < 0, $"memory {recommendation.ExpectedMemoryChangePercent}%");
        Assert.NotNull((await fixture.Cluster("local-a").DescribeCollectionAsync($"{library}__d1").Within()).Spec.Quantization);
    }

    [Fact]
    public async Task Apply_UnderMemory_QuantizesALargeCollection_ThenLeavesItOut()
    {
        var library = NewLibrary();
        await TuningCalls.CreateAsync(fixture.Cluster("local-b"), library, "big", 20_500);
        await TuningCalls.CreateAsync(fixture.Cluster("local-b"), library, "small", 10);
        var request = new OptimizeClusterConfigRequest { Library = library, DomainIds = { "big" }, Strategy = OptimizationStrategy.Memory, Apply = true };

        var first = await fixture.Client.OptimizeClusterConfigAsync(request).ResponseAsync.Within();
        var second = await fixture.Client.OptimizeClusterConfigAsync(request).ResponseAsync.Within();

        var applied = Assert.Single(first.Recommendations);
        Assert.True(applied.Applied);
        Assert.Equal("big", applied.DomainId);
        Assert.Contains("20,500 points x 8 dims", applied.Rationale, StringComparison.Ordinal);
        var spec = (await fixture.Cluster("local-b").DescribeCollectionAsync($"{library}__big").Within()).Spec;
        Assert.Equal((8, 64, true, true), (spec.HnswM, spec.HnswEfConstruct, spec.OnDisk, spec.HnswOnDisk));
        Assert.Equal(new ScalarQuantization(0.99f, true), spec.Quantization);
        Assert.Empty(second.Recommendations);
        var history = await TuningCalls.ScalarAsync(fixture, "SELECT count(*) FROM specialization_history WHERE kind = 4 AND library = @l AND domain_id = 'big' AND state = 4", ("l", library));
        Assert.Equal(1L, history);
    }

    [Fact]
    public async Task ReportedP99_OverTarget_KeepsVectorsInRam_UnderLatency()
    {
        var library = NewLibrary();
        await TuningCalls.CreateAsync(fixture.Cluster("local-c"), library, "hot", 20_000, new CollectionSpec("", 8, Distance.Cosine, OnDisk: true, HnswOnDisk: true));
        var load = new ClusterLoadEvent
        {
            Reporter = "tuning-tests",
            WindowStart = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(-5)),
            Window = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)),
            Clusters = { new ClusterLoad { Cluster = new ClusterRef { Name = "local-c" }, LatencyP99Ms = 48, RequestRatePerSecond = 120 } },
        };

        await TuningCalls.PublishAsync(fixture, Topics.ClusterLoad, load);

        ConfigRecommendation? recommendation = null;
        await Eventually.TrueAsync(
            async () => (recommendation = (await fixture.Client.OptimizeClusterConfigAsync(new OptimizeClusterConfigRequest { Library = library, Strategy = OptimizationStrategy.Latency, Cluster = new ClusterRef { Name = "local-c" } }).ResponseAsync).Recommendations.Single())
                .Rationale.Contains("p99 48 ms", StringComparison.Ordinal),
            "a recommendation that uses the reported p99");
        Assert.NotNull(recommendation);
        Assert.Equal((false, false, Quantization.ScalarInt8, true), (recommendation.Recommended.OnDisk, recommendation.Recommended.HnswOnDisk, recommendation.Recommended.Quantization, recommendation.Recommended.QuantizationAlwaysRam));
        Assert.Contains("p99 48 ms over the 20 ms target: vectors and graph kept in RAM", recommendation.Rationale, StringComparison.Ordinal);
        Assert.True(recommendation.ExpectedLatencyChangePercent < 0, $"latency {recommendation.ExpectedLatencyChangePercent}%");
    }

    [Fact]
    public async Task Schedule_AppliesThePolicysStrategy_WhenAutoIsOn()
    {
        var library = NewLibrary();
        await TuningCalls.CreateAsync(fixture.Cluster("local-a"), library, "sched", 20_000);
        await TuningCalls.ExecuteAsync(fixture, "INSERT INTO policies (library, policy) VALUES (@l, @p)", ("l", library), ("p", new SpecializationPolicy { Strategy = OptimizationStrategy.Recall }.ToByteArray()));
        await fixture.StartHostAsync(("Specialization__OptimizationInterval", "1s"), ("Specialization__AutoSpecialize", "true"));
        try
        {
            await Eventually.TrueAsync(
                async () => (await fixture.Cluster("local-a").DescribeCollectionAsync($"{library}__sched")).Spec.HnswM == 32,
                "the schedule to apply the recall row (m 32)");

            var spec = (await fixture.Cluster("local-a").DescribeCollectionAsync($"{library}__sched").Within()).Spec;
            Assert.Equal((32, 256), (spec.HnswM, spec.HnswEfConstruct));
        }
        finally
        {
            await fixture.StartHostAsync();
        }
    }

    [Fact]
    public async Task BadInput_IsRefused_NamingTheField()
    {
        var library = NewLibrary();
        await TuningCalls.CreateAsync(fixture.Cluster("local-a"), library, "d1", 1);
        var cases = new (OptimizeClusterConfigRequest Request, StatusCode Code, string Start)[]
        {
            (new() { Library = "no-such-library" }, StatusCode.NotFound, "library: 'no-such-library' has no collection on local-a, local-b, local-c"),
            (new() { Library = library, DomainIds = { "d1", "d9" } }, StatusCode.NotFound, "domain_ids: 'd9' has no collection"),
            (new() { Library = library, Cluster = new ClusterRef { Name = "mars-1" } }, StatusCode.NotFound, "cluster: 'mars-1' is not a configured cluster"),
            (new() { Library = library, Cluster = new ClusterRef { Name = "local-b" } }, StatusCode.NotFound, $"library: '{library}' has no collection on local-b"),
            (new() { Library = library, Strategy = (OptimizationStrategy)42 }, StatusCode.InvalidArgument, "strategy: 42 is not an OptimizationStrategy"),
            (new() { Library = "" }, StatusCode.InvalidArgument, "library: '' is not a library name"),
            (new() { Library = library, DomainIds = { "D!" } }, StatusCode.InvalidArgument, "domain_ids: 'D!' is not a domain id"),
        };

        await TuningCalls.AssertRefusedAsync(r => fixture.Client.OptimizeClusterConfigAsync(r), cases);
    }
}
