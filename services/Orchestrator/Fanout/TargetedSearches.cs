using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Filters;
using MultiCluster.Orchestrator.Fusion;
using MultiCluster.Orchestrator.Routing;
using MultiCluster.Orchestrator.Snapshots;

namespace MultiCluster.Orchestrator.Fanout;

/// <summary>
/// ExecuteCrossClusterQuery (named clusters, every collection of the library on each, one list per cluster) and
/// OrchestrateDomainSearch (named or routed domains, one list per domain with its own limit and weight), each fused.
/// </summary>
public sealed class TargetedSearches(
    QueryInputs inputs,
    RoutePlanner planner,
    LibraryPolicies policies,
    FanoutExecutor executor,
    SourceLists lists,
    SearchResults results,
    LibraryFusion fusions,
    IClusterRegistry registry,
    OrchestratorOptions options,
    TimeProvider time)
{
    public async Task<ExecuteCrossClusterQueryResponse> CrossClusterAsync(ExecuteCrossClusterQueryRequest request, DateTimeOffset? callDeadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetTimestamp();
        var snapshot = await inputs.LibraryAsync(request.Library, "library", cancellationToken);
        var vector = QueryInputs.Vector(request.Vector, snapshot, "vector");
        var limit = QueryInputs.Limit(request.Limit, "limit");
        var filter = ContractFilters.Optional(request.Filter, "filter");
        var (policy, stored) = await policies.GetAsync(snapshot.Library.Name, cancellationToken);
        var fusion = FusionSettings.Resolve(request.Fusion, stored, "fusion");
        var deadline = RequestDeadline.Resolve("timeout_ms", request.TimeoutMs, policy.DefaultTimeout, callDeadline, time.GetUtcNow(), options.MaxTimeout);
        var holdings = Holdings(snapshot);
        for (var i = 0; i < request.Clusters.Count; i++)
        {
            if (!registry.TryGetCluster(request.Clusters[i].Name, out _))
            {
                throw OrchestratorException.NotFound($"clusters[{i}].name: no cluster {LibraryName.Quote(request.Clusters[i].Name)} is configured; see HealthCheckClusters for the names.");
            }
        }

        List<string> chosen = [.. request.Clusters.Count > 0 ? request.Clusters.Select(c => c.Name).Distinct(StringComparer.Ordinal) : holdings.Keys];
        var ask = new Clusters.SearchRequest(vector, limit, filter, 0, request.HasScoreThreshold ? request.ScoreThreshold : null, request.WithPayload, SearchResults.FetchVectors(request.WithVectors, fusion));
        var targets = chosen.SelectMany(cluster => holdings.GetValueOrDefault(cluster, [])
            .Select(entry => new FanoutTarget(cluster, [entry.DomainId], entry.CollectionName, cluster, [], ask))).ToList();
        var answer = await FanOutAndFuseAsync(snapshot, targets, o => o.Target.Cluster, limit, fusion, limit, deadline, policy, request.WithVectors, cancellationToken);
        var response = new ExecuteCrossClusterQueryResponse { Partial = answer.Failures.Count > 0 };
        response.Points.AddRange(answer.Points);
        response.FailedClusters.AddRange(answer.Failures);
        if (request.IncludeSourceResults)
        {
            // A named cluster without a collection of the library was searched too: it answers an empty list, not silence.
            var listed = answer.Sources.Select(s => s.Source).ToHashSet(StringComparer.Ordinal);
            var empty = chosen.Where(c => !listed.Contains(c)).Select(c => new SourceResult { Source = c, Cluster = results.Cluster(c) });
            response.SourceResults.AddRange(answer.Sources.Concat(empty).OrderBy(s => s.Source, StringComparer.Ordinal));
        }

        response.TookMs = time.GetElapsedTime(started).TotalMilliseconds;
        return response;
    }

    public async Task<OrchestrateDomainSearchResponse> DomainSearchAsync(OrchestrateDomainSearchRequest request, DateTimeOffset? callDeadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetTimestamp();
        var snapshot = await inputs.LibraryAsync(request.Library, "library", cancellationToken);
        var vector = QueryInputs.Vector(request.Vector, snapshot, "vector");
        var limit = QueryInputs.Limit(request.Limit, "limit");
        var filter = ContractFilters.Optional(request.Filter, "filter");
        if (request.MaxDomains > RoutePlanner.MaxDomains)
        {
            throw OrchestratorException.Invalid($"max_domains: {request.MaxDomains} is out of range; 1 to {RoutePlanner.MaxDomains}, or 0 for adaptive.");
        }

        var hints = new RoutingHints { MaxDomains = request.MaxDomains };
        var known = (snapshot.Table?.Entries.Select(e => e.DomainId) ?? []).Append(LibraryName.Unassigned).ToHashSet(StringComparer.Ordinal);
        var limits = new Dictionary<string, int>(StringComparer.Ordinal);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < request.Domains.Count; i++)
        {
            var domain = request.Domains[i];
            if (!known.Contains(domain.DomainId))
            {
                throw OrchestratorException.NotFound(
                    $"domains[{i}].domain_id: library {LibraryName.Quote(snapshot.Library.Name)} has no domain {LibraryName.Quote(domain.DomainId)} at routing version {snapshot.RoutingVersion}; see GetLibraryStatus for its domains.");
            }

            limits[domain.DomainId] = domain.Limit == 0 ? limit : QueryInputs.Limit(domain.Limit, $"domains[{i}].limit");
            if (domain.Weight < 0 || !double.IsFinite(domain.Weight))
            {
                throw OrchestratorException.Invalid($"domains[{i}].weight: {domain.Weight} is not a weight; give a finite number >= 0 (0 means 1.0).");
            }

            if (domain.Weight > 0)
            {
                weights[domain.DomainId] = domain.Weight;
            }

            hints.DomainIds.Add(domain.DomainId);
        }

        var (plan, policy, stored) = await planner.PlanAsync(snapshot, vector, hints, "domains", cancellationToken);
        var fusion = FusionSettings.Resolve(request.Fusion, stored, "fusion").Clone();
        foreach (var (domain, weight) in weights)
        {
            fusion.Weights[domain] = weight;
        }

        var deadline = RequestDeadline.Resolve("timeout_ms", request.TimeoutMs, policy.DefaultTimeout, callDeadline, time.GetUtcNow(), options.MaxTimeout);
        var targets = plan.Targets.Select(t => new FanoutTarget(t.DomainId, [t.DomainId], t.Collection, t.Cluster, t.Alternates,
            new Clusters.SearchRequest(vector, limits.GetValueOrDefault(t.DomainId, limit), filter, 0, null, request.WithPayload, SearchResults.FetchVectors(request.WithVectors, fusion)))).ToList();
        var answer = await FanOutAndFuseAsync(snapshot, targets, o => o.Target.Source, int.MaxValue, fusion, limit, deadline, policy, request.WithVectors, cancellationToken);
        var response = new OrchestrateDomainSearchResponse { Partial = answer.Failures.Count > 0 };
        response.Points.AddRange(answer.Points);
        response.FailedClusters.AddRange(answer.Failures);
        if (request.IncludeSourceResults)
        {
            response.SourceResults.AddRange(answer.Sources);
        }

        response.TookMs = time.GetElapsedTime(started).TotalMilliseconds;
        return response;
    }

    /// <summary>
    /// Fans the targets out under one deadline, gathers one ranked list per source (<paramref name="sourceOf"/>, each cut
    /// at <paramref name="perSourceLimit"/>), fuses the best <paramref name="limit"/>, and clears the vectors fetched
    /// for fusion alone.
    /// </summary>
    private async Task<(List<Contracts.V1.ScoredPoint> Points, IReadOnlyList<ClusterFailure> Failures, List<SourceResult> Sources)> FanOutAndFuseAsync(
        LibrarySnapshot snapshot, List<FanoutTarget> targets, Func<FanoutOutcome, string> sourceOf, int perSourceLimit, FusionConfig fusion, int limit,
        DateTimeOffset deadline, RoutingPolicy policy, bool withVectors, CancellationToken cancellationToken)
    {
        var outcomes = await executor.RunAsync(targets, Budget(deadline, policy), cancellationToken);
        var failed = outcomes.Where(o => !o.Answered).ToList();
        FanoutFailures.ThrowIfUnusable(failed, outcomes.Count, requireComplete: false, "filter");
        var lowerIsBetter = snapshot.Library.Distance == Contracts.V1.Distance.Euclid;
        var (ranked, sources) = lists.Gather(outcomes, sourceOf, perSourceLimit, lowerIsBetter, []);
        var points = (await fusions.FuseAsync(snapshot.Library.Name, ranked, fusion, limit, cancellationToken)).Select(f => f.Point).ToList();
        SearchResults.DropVectors(withVectors, points.Concat(sources.SelectMany(s => s.Points)));
        return (points, results.Failures(failed), sources);
    }

    private static FanoutBudget Budget(DateTimeOffset deadline, RoutingPolicy policy) =>
        new(deadline, policy.HedgeAfter, policy.CircuitFailureThreshold, policy.CircuitBreakDuration);

    // Every collection of the library by the cluster holding it ("unassigned" on the default cluster before any placement).
    private Dictionary<string, List<RouteEntry>> Holdings(LibrarySnapshot snapshot)
    {
        var entries = snapshot.Table?.Entries.ToList() ?? [];
        if (entries.All(e => e.DomainId != LibraryName.Unassigned))
        {
            entries.Add(new RouteEntry
            {
                DomainId = LibraryName.Unassigned,
                CollectionName = LibraryName.Collection(snapshot.Library.Name, LibraryName.Unassigned),
                ReadClusters = { new ClusterRef { Name = registry.DefaultCluster.Name } },
            });
        }

        return entries
            .SelectMany(e => e.ReadClusters.Select(c => (Cluster: c.Name, Entry: e)))
            .GroupBy(x => x.Cluster, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Entry).ToList(), StringComparer.Ordinal);
    }
}
