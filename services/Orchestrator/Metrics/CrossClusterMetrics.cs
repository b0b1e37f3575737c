using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Fanout;
using MultiCluster.Orchestrator.Libraries;

namespace MultiCluster.Orchestrator.Metrics;

/// <summary>GetCrossClusterMetrics: this edge's queries and cluster calls over a window of up to an hour.</summary>
public sealed class CrossClusterMetrics(
    QueryMetrics metrics,
    IClusterRegistry registry,
    IRoutingCalibrations calibrations,
    LiveRecall liveRecall,
    LibraryCatalog catalog,
    ClusterGuards guards,
    TimeProvider time)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(1);

    public async Task<GetCrossClusterMetricsResponse> GetAsync(GetCrossClusterMetricsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var window = Window(request.Window);
        if (request.Library.Length > 0)
        {
            if (!LibraryName.IsValid(request.Library))
            {
                throw OrchestratorException.Invalid($"library: {LibraryName.Quote(request.Library)} is not a library name; give an existing library's name, or leave it empty for all.");
            }

            if (await catalog.GetAsync(request.Library, cancellationToken) is null)
            {
                throw OrchestratorException.NotFound($"library: no library {LibraryName.Quote(request.Library)}; list them with ListLibraries, or leave it empty for all.");
            }
        }

        var start = time.GetUtcNow() - window;
        var queries = metrics.QueriesSince(start, request.Library);
        var quantiles = LatencyQuantiles.Of(queries.Select(q => q.Latency));
        var response = new GetCrossClusterMetricsResponse
        {
            WindowStart = Timestamp.FromDateTimeOffset(start),
            QueriesPerSecond = queries.Count / window.TotalSeconds,
            LatencyP50Ms = quantiles.P50,
            LatencyP95Ms = quantiles.P95,
            LatencyP99Ms = quantiles.P99,
            MeanFanoutClusters = queries.Count == 0 ? 0 : queries.Average(q => q.ClustersContacted),
            PartialRate = queries.Count == 0 ? 0 : (double)queries.Count(q => q.Partial) / queries.Count,
            CacheHitRatio = queries.Count == 0 ? 0 : (double)queries.Count(q => q.CacheHit) / queries.Count,
        };
        foreach (var (load, hedgeRate, timeoutRate) in ClusterLoads.Of(metrics.CallsSince(start, request.Library), registry.Current.Clusters.Select(c => c.Name), window, metrics.InFlight))
        {
            response.Clusters.Add(new ClusterQueryMetrics { Load = load, CircuitState = guards.State(load.Cluster.Name), HedgeRate = hedgeRate, TimeoutRate = timeoutRate });
        }

        foreach (var calibration in calibrations.Current(request.Library))
        {
            var live = liveRecall.Over(calibration.Library, start);
            var withLive = calibration.Clone();
            withLive.LiveRecall = live.Recall;
            withLive.LiveSamples = (uint)live.Samples;
            response.Calibrations.Add(withLive);
        }

        return response;
    }

    private static TimeSpan Window(Duration? window)
    {
        if (window is null)
        {
            return DefaultWindow;
        }

        if (window.Seconds < 0 || window.Nanos is < 0 or > 999_999_999 || (window.Seconds == 0 && window.Nanos == 0))
        {
            throw OrchestratorException.Invalid($"window: {window} is not a positive duration; give up to 1 h (e.g. 60s), or leave it unset for the last minute.");
        }

        return window.Seconds < QueryMetrics.Kept.TotalSeconds || (window.Seconds == (long)QueryMetrics.Kept.TotalSeconds && window.Nanos == 0)
            ? window.ToTimeSpan()
            : throw OrchestratorException.Invalid($"window: {window.Seconds:N0} s is longer than the hour this edge keeps; give up to 3600 s, or leave it unset for the last minute.");
    }
}
