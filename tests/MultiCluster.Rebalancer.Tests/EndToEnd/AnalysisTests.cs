using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;
using Distance = MultiCluster.Clusters.Distance;
using static MultiCluster.Rebalancer.Tests.EndToEnd.LoadReports;

namespace MultiCluster.Rebalancer.Tests.EndToEnd;

/// <summary>AnalyzeLoadDistribution and the load handler against the real host: reports in, imbalance and culprits out.</summary>
[Collection(RebalancerHostGroup.Name)]
public sealed class AnalysisTests(RebalancerFixture fixture)
{
    private static string NewLibrary() => $"ana-{Guid.NewGuid():N}"[..12];

    private async Task<AnalyzeLoadDistributionResponse> AnalyzeWhenAsync(Func<AnalyzeLoadDistributionResponse, bool> done, string what, string library = "")
    {
        AnalyzeLoadDistributionResponse? last = null;
        await Eventually.TrueAsync(
            async () => done(last = await fixture.Client.AnalyzeLoadDistributionAsync(new AnalyzeLoadDistributionRequest { Library = library }).ResponseAsync),
            what);
        return last!;
    }

    [Fact]
    public async Task AHotCluster_IsNamedWithItsHotDomain()
    {
        await fixture.ResetAsync();
        var library = NewLibrary();
        await PublishAsync(fixture, Report("orchestrator-1", DateTimeOffset.UtcNow,
            Load("local-a", 90, library, ("hot", 80), ("warm", 10)), Load("local-b", 10, library, ("cold", 10)), Load("local-c", 10)));

        var analysis = await AnalyzeWhenAsync(r => r.Violations.Any(v => v.Code == "CLUSTER_OVERLOADED"), "the hot cluster named");

        // Rates 90, 10, 10: mean 36.67, population sd 37.71, cv 1.0285.
        Assert.Equal(Math.Sqrt(((53.333333333 * 53.333333333) + (2 * 26.666666667 * 26.666666667)) / 3) / 36.666666667, analysis.LoadImbalance, 6);
        Assert.True(analysis.ExceedsThresholds);
        var hot = Assert.Single(analysis.Violations, v => v.Code == "CLUSTER_OVERLOADED");
        Assert.Equal("local-a", hot.Subject);
        Assert.Contains($"{library}/hot 80/s", hot.Message, StringComparison.Ordinal);
        Assert.Equal(("hot", "local-a", 80.0), (analysis.HottestDomains[0].DomainId, analysis.HottestDomains[0].Primary.Name, analysis.HottestDomains[0].RequestRatePerSecond));
        Assert.Equal(RebalancerFixture.ClusterNames, analysis.Clusters.Select(c => c.Cluster.Name));
        Assert.Equal(90, analysis.Clusters[0].Load.RequestRatePerSecond);
    }

    [Fact]
    public async Task ReportsOfSeveralOrchestrators_AddUpPerCluster_AndARedeliveredReportCountsOnce()
    {
        await fixture.ResetAsync();
        var end = DateTimeOffset.UtcNow;
        var first = Report("orchestrator-1", end, Load("local-a", 10), Load("local-b", 30), Load("local-c", 5));
        var second = Report("orchestrator-2", end.AddMilliseconds(-700), Load("local-a", 10), Load("local-b", 30), Load("local-c", 5));
        await PublishAsync(fixture, first, second, first);

        var analysis = await AnalyzeWhenAsync(r => r.Clusters.Single(c => c.Cluster.Name == "local-b").Load?.RequestRatePerSecond == 60, "local-b at 30 + 30 req/s");

        Assert.Equal([20.0, 60.0, 10.0], analysis.Clusters.Select(c => c.Load.RequestRatePerSecond));
        Assert.Equal(2L, await fixture.ScalarAsync<long>("SELECT count(*) FROM load_samples WHERE cluster = 'local-b'"));
    }

    [Fact]
    public async Task AReportWithMalformedTimesAndEntries_KeepsItsGoodEntries_DatedByTheEvent()
    {
        await fixture.ResetAsync();
        var report = new ClusterLoadEvent
        {
            Reporter = "another-publisher",
            WindowStart = new Timestamp { Seconds = 1, Nanos = -1 },
            Window = new Duration { Seconds = 5, Nanos = -1 },
            Clusters = { Load("local-a", 7), Load("local-b", -3), Load("", 4), new ClusterLoad { Cluster = new ClusterRef { Name = "local-c" }, RequestRatePerSecond = double.NaN } },
        };
        await PublishAsync(fixture, report);

        var analysis = await AnalyzeWhenAsync(r => r.Clusters.Single(c => c.Cluster.Name == "local-a").Load?.RequestRatePerSecond == 7, "the good entry stored");

        Assert.Null(analysis.Clusters.Single(c => c.Cluster.Name == "local-b").Load);
        Assert.Null(analysis.Clusters.Single(c => c.Cluster.Name == "local-c").Load);
    }

    [Fact]
    public async Task ClusterSizes_AreReadThroughTheClusterPort_AndSampledIntoTheSeries()
    {
        await fixture.ResetAsync();
        var library = NewLibrary();
        var collection = LibraryName.Collection(library, "d1");
        await fixture.Cluster("local-b").CreateCollectionAsync(new CollectionSpec(collection, 4, Distance.Cosine)).Within();
        await fixture.Cluster("local-b").UpsertAsync(collection, [.. Enumerable.Range(1, 50).Select(i => new PointRecord($"{i}", [i, 1, 0, 0]))]).Within();

        var analysis = await AnalyzeWhenAsync(r => r.Clusters.Single(c => c.Cluster.Name == "local-b").PointCount >= 50, "local-b's 50 points", library);

        var b = analysis.Clusters.Single(c => c.Cluster.Name == "local-b");
        Assert.Equal(HealthStatus.Healthy, b.Health);
        Assert.True(b.DomainCount >= 1 && b.SizeBytes >= 50 * 4 * 4, b.ToString());
        await Eventually.TrueAsync(
            async () => await fixture.ScalarAsync<long>("SELECT count(*) FROM domain_size_samples WHERE library = @l AND point_count = 50", ("l", library)) > 0,
            "the sampler to store the domain's size");
    }

    [Fact]
    public async Task RaisedThresholds_AreUsedByTheAnalysis()
    {
        await fixture.ResetAsync();
        await PublishAsync(fixture, Report("orchestrator-1", DateTimeOffset.UtcNow, Load("local-a", 90), Load("local-b", 10), Load("local-c", 10)));
        await AnalyzeWhenAsync(r => r.Violations.Any(v => v.Code == "LOAD_IMBALANCE"), "the imbalance under the default threshold");

        var set = await fixture.Client.SetRebalancingThresholdsAsync(new SetRebalancingThresholdsRequest
        {
            Thresholds = new RebalancingThresholds { MaxLoadImbalance = 5 },
            UpdateMask = new FieldMask { Paths = { "max_load_imbalance" } },
        }).ResponseAsync.Within();
        var analysis = await fixture.Client.AnalyzeLoadDistributionAsync(new AnalyzeLoadDistributionRequest()).ResponseAsync.Within();

        Assert.Equal((5.0, 0.85, 5u), (set.Thresholds.MaxLoadImbalance, set.Thresholds.MaxFillRatio, set.Thresholds.MaxMovesPerRun));
        Assert.DoesNotContain(analysis.Violations, v => v.Code is "LOAD_IMBALANCE" or "CLUSTER_OVERLOADED");
    }
}
