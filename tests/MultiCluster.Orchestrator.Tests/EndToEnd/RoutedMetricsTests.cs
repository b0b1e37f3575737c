using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Orchestrator.Tests.EndToEnd.Search;
using MultiCluster.TestInfrastructure;
using StackExchange.Redis;
using Xunit;
using static MultiCluster.Orchestrator.Tests.EndToEnd.Search.SearchCalls;

namespace MultiCluster.Orchestrator.Tests.EndToEnd;

/// <summary>GetCrossClusterMetrics after routed searches: rates, loads per cluster and domain, calibration, live recall, circuits.</summary>
[Collection(MeshHostGroup.Name)]
public sealed class RoutedMetricsTests(OrchestratorFixture mesh)
{
    private static readonly float[][] BlobQueries = [.. Enumerable.Range(0, 12).Select(i => RoutedLibrary.Blob(i % 3, 40 + i))];

    [Fact]
    public async Task AfterRoutedSearches_TheMetricsShowTheRate_TheLoadOfEachClusterSearched_AndTheCalibration()
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "met-load");
        await library.CalibratedAsync(mesh, BlobQueries[0]);
        // Hedged requests would add calls to copies the router did not choose.
        await mesh.NoHedgingAsync(library.Name);
        var targets = new List<(string Domain, string Cluster)>();
        foreach (var query in BlobQueries)
        {
            var response = await mesh.FreshSearchAsync(library.Name, query, r => r.Explain = true);
            Assert.False(response.Partial);
            targets.AddRange(response.Routing.Targets.Select(t => (t.DomainId, t.Cluster.Name)));
        }

        var metrics = await mesh.MetricsAsync(library.Name);

        Assert.True(metrics.QueriesPerSecond >= (BlobQueries.Length / 60.0) - 1e-9, $"{metrics.QueriesPerSecond} queries/s after {BlobQueries.Length} in the last minute");
        Assert.True(metrics.LatencyP50Ms > 0 && metrics.LatencyP99Ms >= metrics.LatencyP50Ms);
        Assert.InRange(metrics.MeanFanoutClusters, 1, OrchestratorFixture.ClusterNames.Length);
        Assert.Equal(0, metrics.PartialRate);
        foreach (var cluster in metrics.Clusters)
        {
            var sent = targets.Where(t => t.Cluster == cluster.Load.Cluster.Name).ToList();
            Assert.Equal((ulong)sent.Count, cluster.Load.RequestCount);
            Assert.Equal(CircuitState.Closed, cluster.CircuitState);
            foreach (var domain in sent.GroupBy(t => t.Domain))
            {
                var load = Assert.Single(cluster.Load.Domains, d => d.Library == library.Name && d.DomainId == domain.Key);
                Assert.Equal((ulong)domain.Count(), load.QueryCount);
            }

            if (sent.Count > 0)
            {
                Assert.True(cluster.Load.RequestRatePerSecond > 0 && cluster.Load.LatencyP95Ms > 0, $"{cluster.Load.Cluster.Name} was searched but shows no load");
            }
        }

        var calibration = Assert.Single(metrics.Calibrations);
        Assert.Equal((library.Name, library.Map.Version, 0.99), (calibration.Library, calibration.DomainMapVersion, calibration.RecallTarget));
        Assert.True(calibration.HeldOutQueries > 0);
        Assert.True(calibration.HeldOutRecall >= calibration.RecallTarget, $"held-out recall {calibration.HeldOutRecall} below the target");
        Assert.True(calibration.Margin >= 0);
        Assert.InRange(calibration.MeanDomainsProbed, 1, library.Map.Domains.Count);
        Assert.InRange(calibration.ProbedFraction, 1e-9, 1);
        Assert.NotNull(calibration.CalibratedAt);
    }

    [Fact]
    public Task WithEverySearchSampled_TheLiveRecallOfRoutingIsReported() => EverySearchSampledAsync("met-live", async library =>
    {
        foreach (var query in BlobQueries)
        {
            Assert.False((await mesh.FreshSearchAsync(library.Name, query)).Partial);
        }

        var calibration = await ReplayedAsync(library, BlobQueries.Length);

        // Each blob query's nearest points all lie in its nearest domain: routing misses none of them.
        Assert.True(calibration.LiveRecall >= calibration.HeldOutRecall - 0.1, $"live recall {calibration.LiveRecall} vs held-out {calibration.HeldOutRecall}");
        Assert.InRange(calibration.LiveRecall, 0.9, 1);
    });

    [Fact]
    public Task ALiveRecallDropBeyondAccuracyDrop_AsksDiscoveryForANewAnalysis() => EverySearchSampledAsync("met-drift", async library =>
    {
        // Between the three blobs the nearest points lie in every domain; one domain per query misses most of them.
        const int Searches = 30;
        for (var i = 0; i < Searches; i++)
        {
            var response = await mesh.FreshSearchAsync(library.Name, [1f, 1f, 1f, 0.05f + (i * 0.001f)], r => r.Routing.MaxDomains = 1);
            Assert.Single(Domains(response.SearchedDomainIds));
        }

        var calibration = await ReplayedAsync(library, Searches);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(mesh.RedisConnectionString).Within();
        var request = await Eventually.ValueAsync(
            () => Requests(redis).FirstOrDefault(r => r.Library == library.Name),
            r => r is not null,
            $"a domains.reanalysis_requested event for {library.Name}");

        Assert.True(calibration.LiveRecall < calibration.HeldOutRecall - 0.1, $"live recall {calibration.LiveRecall} vs calibrated {calibration.HeldOutRecall}");
        Assert.Equal(("orchestrator", library.Map.Version), (request!.RequestedBy, request.MapVersion));
        Assert.True(request.ObservedRecall < calibration.HeldOutRecall - 0.1, $"observed {request.ObservedRecall} vs calibrated {calibration.HeldOutRecall}");
        Assert.Contains("recall@10 fell to", request.Reason, StringComparison.Ordinal);
    });

    [Fact]
    public async Task AKilledCluster_ShowsItsCircuitOpenInTheMetrics_AndClosedOnceItIsBack()
    {
        var library = await RoutedLibrary.SharedAsync(mesh, "met-killed");
        var killed = library.Domains.SelectMany(e => e.ReadClusters.Select(c => c.Name)).Where(c => c != "local-a")
            .GroupBy(c => c).OrderByDescending(g => g.Count()).First().Key;
        await mesh.SetRoutingAsync(library.Name, new RoutingSettings { CircuitFailureThreshold = 2, CircuitBreakDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)) }, "circuit_failure_threshold", "circuit_break_duration");
        void OnlyKilled(SearchRequest r)
        {
            r.Routing.Strategy = RoutingStrategy.Broadcast;
            r.Routing.Clusters.Add(new ClusterRef { Name = killed });
            r.TimeoutMs = 1000;
        }

        Assert.False((await mesh.FreshSearchAsync(library.Name, BlobQueries[0], OnlyKilled)).Partial);
        Assert.Equal(CircuitState.Closed, State(await mesh.MetricsAsync(library.Name), killed));

        mesh.ClusterProcess(killed).Kill();
        try
        {
            var reasons = new List<string>();
            for (var i = 0; i < 6 && !reasons.Exists(r => r.Contains("circuit of cluster", StringComparison.Ordinal)); i++)
            {
                var partial = await mesh.FreshSearchAsync(library.Name, BlobQueries[0], OnlyKilled);
                reasons.AddRange(partial.FailedClusters.Where(f => f.Cluster.Name == killed).Select(f => f.Reason));
            }

            var open = await mesh.MetricsAsync(library.Name);

            Assert.Contains(reasons, r => r.Contains("circuit of cluster", StringComparison.Ordinal));
            Assert.True(State(open, killed) is CircuitState.Open or CircuitState.HalfOpen, $"{killed}'s circuit is {State(open, killed)}");
            Assert.True(open.Clusters.Single(c => c.Load.Cluster.Name == killed).Load.ErrorRate > 0);
            Assert.True(open.PartialRate > 0);
        }
        finally
        {
            await mesh.StartClusterAgainAsync(killed);
        }

        await Eventually.TrueAsync(async () => !(await mesh.FreshSearchAsync(library.Name, BlobQueries[0], OnlyKilled)).Partial, $"searches of {killed} to succeed again");
        Assert.Equal(CircuitState.Closed, State(await mesh.MetricsAsync(library.Name), killed));
    }

    // The Orchestrator restarted to replay every routed search exhaustively, and restored whatever happens.
    private async Task EverySearchSampledAsync(string name, Func<RoutedLibrary, Task> body)
    {
        var library = await RoutedLibrary.SharedAsync(mesh, name);
        await library.CalibratedAsync(mesh, BlobQueries[0]);
        await mesh.StartOrchestratorAsync(("Orchestrator__LiveRecallSampleRate", "1"));
        try
        {
            await library.ServedAsync(mesh);
            await body(library);
        }
        finally
        {
            await mesh.StartOrchestratorAsync();
        }
    }

    // The library's calibration once the replayer has replayed at least this many of its searches.
    private async Task<RoutingCalibration> ReplayedAsync(RoutedLibrary library, int searches)
    {
        RoutingCalibration? calibration = null;
        await Eventually.TrueAsync(
            async () => (calibration = (await mesh.MetricsAsync(library.Name)).Calibrations.SingleOrDefault())?.LiveSamples >= searches,
            $"{searches} searches of {library.Name} replayed exhaustively");
        return calibration!;
    }

    private static CircuitState State(GetCrossClusterMetricsResponse metrics, string cluster) =>
        metrics.Clusters.Single(c => c.Load.Cluster.Name == cluster).CircuitState;

    private static List<ReanalysisRequestedEvent> Requests(ConnectionMultiplexer redis) =>
        [.. redis.GetDatabase().StreamRange(Topics.ReanalysisRequested)
            .Select(entry => CloudEventFormat.Decode((byte[])entry["data"]!))
            .Select(e => e.GetProtobufData(ReanalysisRequestedEvent.Parser))];
}
