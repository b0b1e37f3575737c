using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Caching;
using MultiCluster.Orchestrator.Filters;
using MultiCluster.Orchestrator.Fusion;
using MultiCluster.Orchestrator.Metrics;
using MultiCluster.Orchestrator.Routing;
using SearchRequest = MultiCluster.Contracts.V1.SearchRequest;

namespace MultiCluster.Orchestrator.Fanout;

/// <summary>
/// Search and SearchBatch: check, route (<see cref="RoutePlanner"/>), ask the result cache (<see cref="ResultCache"/>),
/// fan out per domain copy for limit + offset results under one deadline (<see cref="FanoutExecutor"/>), fuse
/// (<see cref="LibraryFusion"/>), then page. A failed or late cluster makes the answer partial, or UNAVAILABLE when the
/// request requires it complete. Every answer is recorded (<see cref="IQueryRecorder"/>) and a sample of routed ones
/// replayed exhaustively for live recall (<see cref="LiveRecall"/>).
/// </summary>
public sealed class SearchPipeline(
    QueryInputs inputs,
    RoutePlanner planner,
    FanoutExecutor executor,
    SearchResults results,
    ResultCache cache,
    LibraryFusion fusions,
    IQueryRecorder recorder,
    LiveRecall liveRecall,
    OrchestratorOptions options,
    TimeProvider time)
{
    public const int MaxBatch = 100;

    public async Task<SearchResponse> SearchAsync(SearchRequest request, DateTimeOffset? callDeadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetTimestamp();
        var prepared = await PrepareAsync(request, "", cancellationToken);
        var deadline = RequestDeadline.Resolve("timeout_ms", request.TimeoutMs, prepared.Policy.DefaultTimeout, callDeadline, time.GetUtcNow(), options.MaxTimeout);
        return await ExecuteAsync(prepared, deadline, started, cancellationToken);
    }

    public async Task<SearchBatchResponse> SearchBatchAsync(SearchBatchRequest request, DateTimeOffset? callDeadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetTimestamp();
        if (request.Searches.Count == 0)
        {
            throw OrchestratorException.Invalid("searches: empty; send 1 to 100 searches.");
        }

        if (request.Searches.Count > MaxBatch)
        {
            throw OrchestratorException.Exhausted($"searches: {request.Searches.Count} searches; at most {MaxBatch} per call, split the batch.");
        }

        var prepared = new List<PreparedSearch>();
        for (var i = 0; i < request.Searches.Count; i++)
        {
            var search = request.Searches[i].Clone();
            if (search.Library.Length == 0)
            {
                search.Library = request.Library;
            }

            prepared.Add(await PrepareAsync(search, $"searches[{i}].", cancellationToken));
        }

        var deadline = RequestDeadline.Resolve("timeout_ms", request.TimeoutMs, prepared[0].Policy.DefaultTimeout, callDeadline, time.GetUtcNow(), options.MaxTimeout);
        var responses = await Task.WhenAll(prepared.Select(p => ExecuteAsync(p, deadline, started, cancellationToken)));
        var response = new SearchBatchResponse();
        response.Responses.AddRange(responses);
        return response;
    }

    private async Task<PreparedSearch> PrepareAsync(SearchRequest request, string prefix, CancellationToken cancellationToken)
    {
        var snapshot = await inputs.LibraryAsync(request.Library, prefix + "library", cancellationToken);
        var vector = QueryInputs.Vector(request.Vector, snapshot, prefix + "vector");
        var limit = QueryInputs.Limit(request.Limit, prefix + "limit");
        if (request.Offset > QueryInputs.MaxOffset)
        {
            throw OrchestratorException.Invalid($"{prefix}offset: {request.Offset} is out of range; skip 0 to {QueryInputs.MaxOffset:N0} results.");
        }

        if (request.HasScoreThreshold && !float.IsFinite(request.ScoreThreshold))
        {
            throw OrchestratorException.Invalid($"{prefix}score_threshold: {request.ScoreThreshold} is not a finite number.");
        }

        if (request.Params?.HnswEf > 1000)
        {
            throw OrchestratorException.Invalid($"{prefix}params.hnsw_ef: {request.Params.HnswEf} is out of range; 1 to 1,000, or 0 for the collection's default.");
        }

        var filter = ContractFilters.Optional(request.Filter, prefix + "filter");
        var (plan, policy, stored) = await planner.PlanAsync(snapshot, vector, request.Routing, prefix + "routing", cancellationToken);
        var fusion = FusionSettings.Resolve(request.Fusion, stored, prefix + "fusion");
        var ask = new Clusters.SearchRequest(
            vector, limit + (int)request.Offset, filter, 0, request.HasScoreThreshold ? request.ScoreThreshold : null,
            request.WithPayload, SearchResults.FetchVectors(request.WithVectors, fusion), request.Params?.HnswEf is > 0 ? (int)request.Params.HnswEf : null, request.Params?.Exact ?? false);
        var targets = plan.Targets.Select(t => new FanoutTarget(t.DomainId, [t.DomainId], t.Collection, t.Cluster, t.Alternates, ask)).ToList();
        return new PreparedSearch(request, snapshot, limit, (int)request.Offset, targets, plan, policy, fusion);
    }

    private async Task<SearchResponse> ExecuteAsync(PreparedSearch search, DateTimeOffset deadline, long started, CancellationToken cancellationToken)
    {
        var request = search.Request;
        var library = search.Snapshot.Library.Name;
        var useCache = search.Policy.CacheTtl > TimeSpan.Zero;
        // The library's creation time keeps a dropped and recreated library of the same name off the old answers.
        var key = ResultCacheKey.ForSearch(request, search.Snapshot.RoutingVersion, search.Policy.ToContract(), search.Fusion, search.Snapshot.Library.CreatedAt ?? new Google.Protobuf.WellKnownTypes.Timestamp());
        var lookup = useCache ? await cache.TryGetAsync(key, [.. search.Targets.SelectMany(t => t.DomainIds)], bypass: request.Routing?.BypassCache == true) : null;
        if (lookup?.Hit is { } cached)
        {
            cached.CacheHit = true;
            cached.TookMs = time.GetElapsedTime(started).TotalMilliseconds;
            cached.Routing = request.Explain ? search.Plan.Decision : null;
            recorder.QueryCompleted(new QueryObservation(library, time.GetElapsedTime(started), 0, Partial: false, CacheHit: true));
            return cached;
        }

        var budget = new FanoutBudget(deadline, search.Policy.HedgeAfter, search.Policy.CircuitFailureThreshold, search.Policy.CircuitBreakDuration);
        var outcomes = await executor.RunAsync(search.Targets, budget, cancellationToken);
        var answered = outcomes.Where(o => o.Answered).ToList();
        var failed = outcomes.Except(answered).ToList();
        var contacted = outcomes.Select(o => o.Cluster).Distinct(StringComparer.Ordinal).Count();
        try
        {
            FanoutFailures.ThrowIfUnusable(failed, outcomes.Count, request.Routing?.RequireComplete == true, "filter");
        }
        catch (OrchestratorException)
        {
            recorder.QueryCompleted(new QueryObservation(library, time.GetElapsedTime(started), contacted, Partial: true, CacheHit: false));
            throw;
        }

        var lowerIsBetter = search.Snapshot.Library.Distance == Contracts.V1.Distance.Euclid;
        var payloadFields = request.PayloadFields.ToHashSet(StringComparer.Ordinal);
        var sources = answered.Where(o => o.Succeeded).Select(o => results.Source(o, o.Target.Source, lowerIsBetter, payloadFields)).ToList();
        var fused = await fusions.FuseAsync(library, sources, search.Fusion, search.Offset + search.Limit, cancellationToken);
        var response = new SearchResponse
        {
            Partial = failed.Count > 0,
            TookMs = time.GetElapsedTime(started).TotalMilliseconds,
            Routing = request.Explain ? search.Plan.Decision : null,
        };
        response.Points.AddRange(fused.Skip(search.Offset).Take(search.Limit).Select(f => f.Point));
        SearchResults.DropVectors(request.WithVectors, response.Points);
        response.FailedClusters.AddRange(results.Failures(failed));
        response.SearchedDomainIds.AddRange(answered.SelectMany(o => o.Target.DomainIds).Distinct(StringComparer.Ordinal));
        response.SearchedClusters.AddRange(answered.Where(o => o.Succeeded).Select(o => o.Cluster).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(results.Cluster));
        if (lookup is not null && !response.Partial)
        {
            await cache.PutAsync(lookup, response, search.Policy.CacheTtl);
        }

        recorder.QueryCompleted(new QueryObservation(library, time.GetElapsedTime(started), contacted, response.Partial, CacheHit: false));
        if (!response.Partial && search.Offset == 0 && search.Targets.Count > 0 && liveRecall.ShouldSample())
        {
            liveRecall.Offer(new LiveRecallSample(library, [.. search.Targets[0].Request.Vector], search.Targets[0].Request.Filter, [.. fused.Take(LiveRecall.RecallK).Select(f => f.Point.Id)], sources));
        }

        return response;
    }
}
