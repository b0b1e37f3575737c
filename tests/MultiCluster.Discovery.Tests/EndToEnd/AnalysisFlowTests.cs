using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Discovery.Tests.EndToEnd;

/// <summary>An analysis from request to published map, and every read of what it stored, over the network.</summary>
[Collection(DiscoveryHostGroup.Name)]
public sealed class AnalysisFlowTests(DiscoveryHostFixture fixture)
{
    private const string Library = DiscoveryHostFixture.Library;

    private static AnalysisSettings KMeans(ulong seed) => new()
    {
        Strategy = AnalysisStrategy.Kmeans,
        Parameters = new StrategyParameters { Kmeans = new KMeansParameters { K = 3, Seed = seed } },
    };

    [Fact]
    public async Task AnalysisOfALibrary_RunsThroughEveryPhase_AndStoresThePublishedMapItReports()
    {
        var client = fixture.Host.Client;

        var messages = await client.AnalyzeToEndAsync(new AnalyzeDomainsRequest { Library = Library, Settings = KMeans(42) });

        var last = messages[^1];
        Assert.True(last.Progress.State == OperationState.Succeeded, $"analysis ended {last.Progress.State}: {last.Progress.Message}");
        Assert.Equal(
            ["sampling", "clustering", "scoring", "storing", "publishing"],
            messages.Select(m => m.Progress.Phase).Where(p => p.Length > 0).Distinct().ToArray());
        Assert.All(messages, m => Assert.InRange(m.Progress.Percent, 0, 100));
        Assert.Equal(100, last.Progress.Percent);
        Assert.Equal(3u, last.DomainCount);
        var map = (await client.GetDomainMapAsync(new GetDomainMapRequest { Library = Library }).ResponseAsync.Within()).Map;
        Assert.Equal(last.MapVersion, map.Version);
        Assert.True(map.Published);
        Assert.Equal(AnalysisStrategy.Kmeans, map.Strategy);
        Assert.Equal(last.Progress.OperationId, map.AnalysisOperationId);
        Assert.Equal((ulong)FashionLibrary.TotalPoints, map.TotalPoints);
        Assert.Equal(3, map.Domains.Count);
        Assert.All(map.Domains, d => Assert.Equal(FashionLibrary.Dimension, d.Centroid.Count));
        Assert.Equal(42ul, map.Settings.Parameters.Kmeans.Seed);
        var byVersion = (await client.GetDomainMapAsync(new GetDomainMapRequest { Library = Library, Version = map.Version, OmitCentroids = true }).ResponseAsync.Within()).Map;
        Assert.All(byVersion.Domains, d => Assert.Empty(d.Centroid));
        Assert.Equal(map.Domains.Select(d => d.DomainId), byVersion.Domains.Select(d => d.DomainId));
    }

    public static TheoryData<string, AnalysisSettings> EveryStrategy => new()
    {
        { "dbscan", new AnalysisSettings { Strategy = AnalysisStrategy.Dbscan, Seed = 11 } },
        { "streaming", new AnalysisSettings { Strategy = AnalysisStrategy.Streaming, Seed = 11 } },
        { "hierarchical", new AnalysisSettings { Strategy = AnalysisStrategy.Hierarchical, Seed = 11, Parameters = new StrategyParameters { Hierarchical = new HierarchicalParameters { MaxDomains = 3 } } } },
        { "hybrid", new AnalysisSettings { Strategy = AnalysisStrategy.Hybrid, Seed = 11, Parameters = new StrategyParameters { Hybrid = new HybridParameters { MaxDomains = 3 } } } },
    };

    [Theory]
    [MemberData(nameof(EveryStrategy))]
    public async Task EachStrategy_FindsTheThreeBlobs(string strategy, AnalysisSettings settings)
    {
        var last = (await fixture.Host.Client.AnalyzeToEndAsync(new AnalyzeDomainsRequest { Library = Library, Settings = settings, DryRun = true }))[^1];

        Assert.True(last.Progress.State == OperationState.Succeeded, $"{strategy} ended {last.Progress.State}: {last.Progress.Message}");
        // Agglomerative results (hierarchical, hybrid) also count the parent domains the tree above the 3 leaves holds.
        Assert.InRange(last.DomainCount, 3u, settings.Strategy is AnalysisStrategy.Hierarchical or AnalysisStrategy.Hybrid ? 5u : 3u);
        Assert.InRange(last.SilhouetteScore, 0.8, 1.0);
    }

    [Fact]
    public async Task AnalysisWithNoSettings_RunsTheDefaultHybrid()
    {
        var last = (await fixture.Host.Client.AnalyzeToEndAsync(new AnalyzeDomainsRequest { Library = Library, DryRun = true }))[^1];

        Assert.True(last.Progress.State == OperationState.Succeeded, last.Progress.Message);
        // merge_distance 0: the count of best silhouette under max_domains (32), the three blobs, plus the parent
        // domains of the tree above them.
        Assert.InRange(last.DomainCount, 3u, 5u);
        Assert.InRange(last.SilhouetteScore, 0.8, 1.0);
        var record = (await fixture.Host.Client.GetAnalysisHistoryAsync(new GetAnalysisHistoryRequest { Library = Library, Pagination = new Pagination { PageSize = 1 } }).ResponseAsync.Within()).Records.Single();
        Assert.Equal(AnalysisStrategy.Hybrid, record.Settings.Strategy);
        Assert.Equal(32u, record.Settings.Parameters.Hybrid.MaxDomains);
        Assert.NotEqual(0ul, record.Settings.Seed);
    }

    [Fact]
    public async Task PublishedMap_IsAnnouncedOnTheDomainsDiscoveredStream_WithoutCentroids()
    {
        var messages = await fixture.Host.Client.AnalyzeToEndAsync(new AnalyzeDomainsRequest { Library = Library, Settings = KMeans(7) });
        var version = messages[^1].MapVersion;
        Assert.True(version > 0, messages[^1].Progress.Message);

        DomainsDiscoveredEvent? announced = null;
        await Eventually.TrueAsync(
            async () => (announced = (await fixture.Redis.ReadStreamAsync(Topics.DomainsDiscovered, DomainsDiscoveredEvent.Parser))
                .FirstOrDefault(e => e.Library == Library && e.MapVersion == version)) is not null,
            $"domains.discovered for {Library} version {version} on the Redis stream");

        Assert.Equal(messages[^1].Progress.OperationId, announced!.AnalysisOperationId);
        Assert.Equal(3, announced.Domains.Count);
        Assert.All(announced.Domains, d => Assert.Empty(d.Centroid));
        Assert.Equal((ulong)FashionLibrary.TotalPoints, announced.TotalPoints);
    }

    [Fact]
    public async Task WatchDomainMap_SendsTheCurrentMapFirst_ThenEachNewlyPublishedVersion()
    {
        var client = fixture.Host.Client;
        var first = await client.AnalyzeToEndAsync(new AnalyzeDomainsRequest { Library = Library, Settings = KMeans(1) });
        using var watch = client.WatchDomainMap(new WatchDomainMapRequest { Library = Library, OmitCentroids = true }, deadline: DateTime.UtcNow + Bounded.Timeout);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None).Within());
        Assert.Equal(first[^1].MapVersion, watch.ResponseStream.Current.Map.Version);

        var second = await client.AnalyzeToEndAsync(new AnalyzeDomainsRequest { Library = Library, Settings = KMeans(2) });

        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None).Within());
        Assert.Equal(second[^1].MapVersion, watch.ResponseStream.Current.Map.Version);
        Assert.All(watch.ResponseStream.Current.Map.Domains, d => Assert.Empty(d.Centroid));
    }

    [Fact]
    public async Task DryRun_ReportsTheDomains_ButStoresAndPublishesNothing()
    {
        var client = fixture.Host.Client;
        await client.AnalyzeToEndAsync(new AnalyzeDomainsRequest { Library = Library, Settings = KMeans(3) });
        var before = (await client.GetDomainMapAsync(new GetDomainMapRequest { Library = Library }).ResponseAsync.Within()).Map.Version;

        var messages = await client.AnalyzeToEndAsync(new AnalyzeDomainsRequest { Library = Library, Settings = KMeans(4), DryRun = true });

        var last = messages[^1];
        Assert.Equal(OperationState.Succeeded, last.Progress.State);
        Assert.Equal(0ul, last.MapVersion);
        Assert.Equal(3u, last.DomainCount);
        Assert.Equal(before, (await client.GetDomainMapAsync(new GetDomainMapRequest { Library = Library }).ResponseAsync.Within()).Map.Version);
        var status = await Calls.StatusOfAsync(client.GetDomainMapAsync(new GetDomainMapRequest { Library = Library, Version = before + 1 }));
        Assert.Equal(StatusCode.NotFound, status.StatusCode);
        var history = await client.GetAnalysisHistoryAsync(new GetAnalysisHistoryRequest { Library = Library }).ResponseAsync.Within();
        var record = history.Records.Single(r => r.OperationId == last.Progress.OperationId);
        Assert.Equal(0ul, record.MapVersion);
        Assert.Equal(OperationState.Succeeded, record.State);
    }

    [Fact]
    public async Task MapBelowTheThresholds_IsStoredUnpublished_AndTheAnalysisSaysWhy()
    {
        var client = fixture.Host.Client;
        await client.AnalyzeToEndAsync(new AnalyzeDomainsRequest { Library = Library, Settings = KMeans(5) });
        var published = (await client.GetDomainMapAsync(new GetDomainMapRequest { Library = Library }).ResponseAsync.Within()).Map.Version;
        var strict = new UpdateDomainThresholdsRequest { Library = Library, Thresholds = new DomainThresholds { MaxDomainShare = 0.2 }, UpdateMask = new FieldMask { Paths = { "max_domain_share" } } };
        Assert.Equal(0.2, (await client.UpdateDomainThresholdsAsync(strict).ResponseAsync.Within()).Thresholds.MaxDomainShare);
        try
        {
            var last = (await client.AnalyzeToEndAsync(new AnalyzeDomainsRequest { Library = Library, Settings = KMeans(6) }))[^1];

            Assert.Equal(OperationState.Succeeded, last.Progress.State);
            Assert.Contains("unpublished", last.Progress.Message, StringComparison.Ordinal);
            var stored = (await client.GetDomainMapAsync(new GetDomainMapRequest { Library = Library, Version = last.MapVersion }).ResponseAsync.Within()).Map;
            Assert.False(stored.Published);
            Assert.Equal(published, (await client.GetDomainMapAsync(new GetDomainMapRequest { Library = Library }).ResponseAsync.Within()).Map.Version);
            var record = (await client.GetAnalysisHistoryAsync(new GetAnalysisHistoryRequest { Library = Library }).ResponseAsync.Within()).Records[0];
            Assert.Equal(last.Progress.OperationId, record.OperationId);
            Assert.False(record.Published);
        }
        finally
        {
            strict.Thresholds.MaxDomainShare = 0;
            await client.UpdateDomainThresholdsAsync(strict).ResponseAsync.Within();
        }
    }

    [Fact]
    public async Task StoredVersions_AnswerStatisticsPatternsValidationHistoryAndMetrics()
    {
        var client = fixture.Host.Client;
        var first = (await client.AnalyzeToEndAsync(new AnalyzeDomainsRequest { Library = Library, Settings = KMeans(8) }))[^1];
        var second = (await client.AnalyzeToEndAsync(new AnalyzeDomainsRequest { Library = Library, Settings = KMeans(9) }))[^1];
        Assert.Equal(first.MapVersion + 1, second.MapVersion);

        var statistics = await client.GetDomainStatisticsAsync(new GetDomainStatisticsRequest { Library = Library }).ResponseAsync.Within();
        Assert.Equal(second.MapVersion, statistics.Version);
        Assert.Equal(3, statistics.Domains.Count);
        Assert.Equal(statistics.Domains.Select(d => d.DomainId).Order(StringComparer.Ordinal), statistics.Domains.Select(d => d.DomainId));
        Assert.InRange(statistics.Domains.Sum(d => d.Share), 0.95, 1.05);
        var one = await client.GetDomainStatisticsAsync(new GetDomainStatisticsRequest { Library = Library, DomainIds = { statistics.Domains[0].DomainId } }).ResponseAsync.Within();
        Assert.Single(one.Domains);

        var patterns = await client.DiscoverPatternsAsync(new DiscoverPatternsRequest { Library = Library, FromVersion = first.MapVersion }).ResponseAsync.Within();
        Assert.Equal(first.MapVersion, patterns.FromVersion);
        Assert.Equal(second.MapVersion, patterns.ToVersion);
        Assert.All(patterns.Patterns, p => Assert.True(p.ToVersion <= second.MapVersion && p.FromVersion >= first.MapVersion));

        var validation = await client.ValidateDomainMappingAsync(new ValidateDomainMappingRequest { Library = Library }).ResponseAsync.Within();
        Assert.Equal(second.MapVersion, validation.Version);
        Assert.Equal((uint)FashionLibrary.TotalPoints, validation.Quality.SampledPoints);
        Assert.InRange(validation.Quality.Coverage, 0.9, 1.0);

        var page = await client.GetAnalysisHistoryAsync(new GetAnalysisHistoryRequest { Library = Library, Pagination = new Pagination { PageSize = 1 } }).ResponseAsync.Within();
        Assert.Equal(second.Progress.OperationId, page.Records.Single().OperationId);
        Assert.NotEmpty(page.NextPageToken);
        var next = await client.GetAnalysisHistoryAsync(new GetAnalysisHistoryRequest { Library = Library, Pagination = new Pagination { PageSize = 1, PageToken = page.NextPageToken } }).ResponseAsync.Within();
        Assert.Equal(first.Progress.OperationId, next.Records.Single().OperationId);

        var metrics = await client.GetPerformanceMetricsAsync(new GetPerformanceMetricsRequest { Library = Library }).ResponseAsync.Within();
        var kmeans = metrics.Strategies.Single(s => s.Strategy == AnalysisStrategy.Kmeans);
        Assert.True(kmeans.RunCount >= 2);
        Assert.True(kmeans.DurationP95Ms >= kmeans.DurationP50Ms && kmeans.DurationP50Ms > 0);
        Assert.True(kmeans.PointsPerSecond > 0);
        Assert.NotNull(metrics.LastFinishedAt);
    }

    [Fact]
    public async Task LoadReports_ReachDiscoverPatterns_AsPerDomainUsage()
    {
        var client = fixture.Host.Client;
        await client.AnalyzeToEndAsync(new AnalyzeDomainsRequest { Library = Library, Settings = KMeans(10) });
        var map = (await client.GetDomainMapAsync(new GetDomainMapRequest { Library = Library, OmitCentroids = true }).ResponseAsync.Within()).Map;
        var reported = map.Domains[0].DomainId;
        var load = new ClusterLoadEvent
        {
            Reporter = "orchestrator-test",
            WindowStart = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(-10)),
            Window = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)),
            Clusters = { new ClusterLoad { Cluster = new ClusterRef { Name = "local-a" }, Domains = { new DomainQueryLoad { Library = Library, DomainId = reported, QueryCount = 50, QueryRatePerSecond = 10 } } } },
        };

        await fixture.Redis.PublishAsync(Topics.ClusterLoad, load);

        DiscoverPatternsResponse? patterns = null;
        await Eventually.TrueAsync(
            async () => (patterns = await client.DiscoverPatternsAsync(new DiscoverPatternsRequest { Library = Library }).ResponseAsync).Usage.Count > 0,
            "usage in DiscoverPatterns after a cluster.load event");
        var usage = patterns!.Usage.Single(u => u.DomainId == reported);
        Assert.Equal(50ul, usage.QueryCount);
        Assert.True(usage.HasQueryRatePerSecond);
        Assert.NotNull(patterns.UsageWindow);
        Assert.All(patterns.Usage.Where(u => u.DomainId != reported), u => Assert.False(u.HasQueryRatePerSecond));
    }

    [Fact]
    public async Task ReanalysisRequestedEvent_StartsAnAnalysisOfTheLibrary()
    {
        var client = fixture.Host.Client;
        var before = (await client.GetAnalysisHistoryAsync(new GetAnalysisHistoryRequest { Library = Library }).ResponseAsync.Within()).Records.Select(r => r.OperationId).ToHashSet();

        await fixture.Redis.PublishAsync(Topics.ReanalysisRequested, new ReanalysisRequestedEvent { Library = Library, Reason = "recall fell to 0.8", RequestedBy = "tests" });

        AnalysisRecord? started = null;
        await Eventually.TrueAsync(
            async () => (started = (await client.GetAnalysisHistoryAsync(new GetAnalysisHistoryRequest { Library = Library }).ResponseAsync).Records.FirstOrDefault(r => !before.Contains(r.OperationId))) is not null,
            "an analysis started by the domains.reanalysis_requested event");
        var messages = await client.WatchToEndAsync(started!.OperationId).Within();
        Assert.True(messages[^1].Progress.Terminal);
    }
}
