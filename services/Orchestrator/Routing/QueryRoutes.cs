using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Fanout;
using MultiCluster.Orchestrator.Metrics;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>RouteQuery (the router's choice and reasons, nothing run) and PredictOptimalClusters (that choice as clusters with expectations).</summary>
public sealed class QueryRoutes(QueryInputs inputs, RoutePlanner planner, RoutingCalibrations calibrations, QueryMetrics metrics, SearchResults results)
{
    public const int MaxClusters = 64;

    public async Task<RouteQueryResponse> RouteAsync(RouteQueryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = await inputs.LibraryAsync(request.Library, "library", cancellationToken);
        var vector = QueryInputs.Vector(request.Vector, snapshot, "vector");
        var (plan, _, _) = await planner.PlanAsync(snapshot, vector, request.Routing, "routing", cancellationToken);
        return new RouteQueryResponse { Decision = plan.Decision };
    }

    public async Task<PredictOptimalClustersResponse> PredictAsync(PredictOptimalClustersRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = await inputs.LibraryAsync(request.Library, "library", cancellationToken);
        var vector = QueryInputs.Vector(request.Vector, snapshot, "vector");
        var max = request.MaxClusters == 0 ? 3 : request.MaxClusters <= MaxClusters ? (int)request.MaxClusters
            : throw OrchestratorException.Invalid($"max_clusters: {request.MaxClusters} is out of range; 1 to {MaxClusters}, or 0 for 3.");
        var (plan, policy, _) = await planner.PlanAsync(snapshot, vector, null, "routing", cancellationToken);
        var shares = ResultShares(plan.Scores, calibrations.MarginFor(snapshot.Library.Name, snapshot.MapVersion, policy.RecallTarget));
        var predictions = plan.Targets
            .GroupBy(t => t.Cluster, StringComparer.Ordinal)
            .Select(group =>
            {
                var stats = metrics.Stats(group.Key, ClusterConditions.RecentWindow);
                var prediction = new ClusterPrediction
                {
                    Cluster = results.Cluster(group.Key),
                    ExpectedResultShare = group.Sum(t => shares.GetValueOrDefault(t.DomainId)),
                    ExpectedLatencyMs = stats.P95Ms,
                    RequestRatePerSecond = stats.RequestRatePerSecond,
                };
                prediction.DomainIds.AddRange(group.Select(t => t.DomainId).Distinct(StringComparer.Ordinal));
                return prediction;
            })
            .OrderByDescending(p => p.ExpectedResultShare)
            .ThenBy(p => p.ExpectedLatencyMs)
            .ThenBy(p => p.Cluster.Name, StringComparer.Ordinal)
            .Take(max)
            .ToList();
        var response = new PredictOptimalClustersResponse();
        response.Predictions.AddRange(predictions);
        var covered = predictions.Sum(p => p.ExpectedResultShare);
        // Calibrated recall holds for the whole adaptive choice; fewer clusters than it chose keep their share of it.
        var calibrated = calibrations.Get(snapshot.Library.Name) is { } c && c.DomainMapVersion == snapshot.MapVersion ? c.HeldOutRecall : (double?)null;
        var chosenShare = plan.Targets.Select(t => t.DomainId).Distinct(StringComparer.Ordinal).Sum(d => shares.GetValueOrDefault(d));
        response.ExpectedRecall = Math.Clamp(calibrated is { } recall && chosenShare > 0 ? recall * covered / chosenShare : covered, 0, 1);
        return response;
    }

    /// <summary>
    /// Expected share of a query's true top results per domain: a domain's size weighted down by how far its centroid
    /// is behind the closest (on the scale of the calibrated margin, or a tenth of the spread without one).
    /// </summary>
    public static IReadOnlyDictionary<string, double> ResultShares(IReadOnlyList<DomainScore> ranked, double? margin)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        if (ranked.Count == 0)
        {
            return new Dictionary<string, double>();
        }

        var best = ranked[0].Closeness;
        var scale = margin is > 0 ? margin.Value : Math.Max(1e-6, (best - ranked[^1].Closeness) / 10);
        var weights = ranked.ToDictionary(d => d.DomainId, d => Math.Max(1, d.PointCount) * Math.Exp(-(best - d.Closeness) / scale), StringComparer.Ordinal);
        var total = weights.Values.Sum();
        return weights.ToDictionary(w => w.Key, w => w.Value / total, StringComparer.Ordinal);
    }
}
