using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Analysis;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>
/// ExecuteAdaptiveMigration: checks the moves against the clusters configured and the routing tables Specialization
/// keeps (each domain exists, is not on the target already, leaves from where it is, moves once), fills in each move's
/// source and size, measures the imbalance before, and starts a MANUAL run.
/// </summary>
public sealed class AdaptiveMigrations(
    IClusterRegistry registry, SpecializationService.SpecializationServiceClient specialization, LoadDistribution distribution, RebalancingRuns runs)
{
    public const int MaxMoves = 100;
    public const int MaxReasonLength = 1_000;
    public const int MaxRequestIdLength = 200;

    public async Task<string> StartAsync(ExecuteAdaptiveMigrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateShape(request);
        if (request.RequestId.Length > 0 && await runs.FindByRequestAsync(request.RequestId, cancellationToken) is { } earlier)
        {
            return earlier.Run.OperationId;
        }

        var moves = await ResolveAsync(request.Moves, cancellationToken);
        var now = await distribution.AnalyzeAsync("", cancellationToken);
        var plan = new RebalancingPlan
        {
            Moves = { moves },
            SizeImbalanceBefore = now.SizeImbalance,
            LoadImbalanceBefore = now.LoadImbalance,
            PointsToMove = (ulong)moves.Sum(m => (decimal)m.PointCount),
            BytesToMove = (ulong)moves.Sum(m => (decimal)m.SizeBytes),
        };
        var started = await runs.StartAsync(new RunStart(RebalancingTrigger.Manual, request.Reason, plan, request.Throttle, request.RequestId), cancellationToken);
        return started.OperationId;
    }

    /// <summary>What needs no I/O: counts, names, known clusters, throttle ranges, lengths, duplicates.</summary>
    private void ValidateShape(ExecuteAdaptiveMigrationRequest request)
    {
        if (request.Moves.Count == 0)
        {
            throw RebalancerException.Invalid("moves: at least one move is required (library, domain_id and target); TriggerRebalancing plans moves for you.");
        }

        if (request.Moves.Count > MaxMoves)
        {
            throw RebalancerException.Invalid($"moves: {request.Moves.Count} moves, at most {MaxMoves} run at once; split them into several requests.");
        }

        var seen = new Dictionary<(string, string), int>();
        for (var i = 0; i < request.Moves.Count; i++)
        {
            var move = request.Moves[i];
            var at = $"moves[{i}]";
            if (!LibraryName.IsValid(move.Library))
            {
                throw RebalancerException.Invalid($"{at}.library: {LibraryName.Quote(move.Library)} is not a library name; required, lowercase letters, digits, '-' and '_'.");
            }

            if (!LibraryName.IsValidDomainId(move.DomainId) || move.DomainId == LibraryName.Unassigned)
            {
                throw RebalancerException.Invalid($"{at}.domain_id: {LibraryName.Quote(move.DomainId)} is not a domain id of a domain map; required (GetRoutingTable lists them).");
            }

            RequireKnown($"{at}.target", move.Target?.Name ?? "", required: true);
            RequireKnown($"{at}.source", move.Source?.Name ?? "", required: false);
            if (move.Source is { Name.Length: > 0 } && move.Source.Name == move.Target!.Name)
            {
                throw RebalancerException.Invalid($"{at}.target: equals the source {move.Source.Name}; name another cluster.");
            }

            if (!seen.TryAdd((move.Library, move.DomainId), i))
            {
                throw RebalancerException.Invalid($"{at}.domain_id: {move.Library}/{move.DomainId} is moved by moves[{seen[(move.Library, move.DomainId)]}] already; move each domain once.");
            }
        }

        ValidateThrottle(request.Throttle);
        if (request.Reason.Length > MaxReasonLength)
        {
            throw RebalancerException.Invalid($"reason: {request.Reason.Length} characters, at most {MaxReasonLength}; shorten it.");
        }

        if (request.RequestId.Length > MaxRequestIdLength)
        {
            throw RebalancerException.Invalid($"request_id: {request.RequestId.Length} characters, at most {MaxRequestIdLength}; use a shorter key (a UUID is enough).");
        }
    }

    private void RequireKnown(string path, string cluster, bool required)
    {
        if (cluster.Length == 0)
        {
            if (required)
            {
                throw RebalancerException.Invalid($"{path}: required; name a configured cluster ({string.Join(", ", registry.Options.Select(o => o.Name))}).");
            }

            return;
        }

        if (!registry.TryGetCluster(cluster, out _))
        {
            throw RebalancerException.Invalid($"{path}: no cluster is named '{cluster}'; use one of {string.Join(", ", registry.Options.Select(o => o.Name))}.");
        }
    }

    private static void ValidateThrottle(AdaptiveThrottle? throttle)
    {
        if (throttle is null)
        {
            return;
        }

        if (throttle.MaxConcurrentMoves > 16)
        {
            throw RebalancerException.Invalid($"throttle.max_concurrent_moves: {throttle.MaxConcurrentMoves} is above 16; use 1..16, or 0 for the threshold's.");
        }

        if (!double.IsFinite(throttle.MaxErrorRate) || throttle.MaxErrorRate is < 0 or > 1)
        {
            throw RebalancerException.Invalid($"throttle.max_error_rate: {throttle.MaxErrorRate} is not a share; use 0..1, or 0 for the threshold's.");
        }

        if (!double.IsFinite(throttle.TargetLatencyP99Ms) || throttle.TargetLatencyP99Ms is < 0 or > 3_600_000)
        {
            throw RebalancerException.Invalid($"throttle.target_latency_p99_ms: {throttle.TargetLatencyP99Ms} is out of range; use milliseconds in (0, 3600000], or 0 for the threshold's.");
        }
    }

    /// <summary>Each move checked against its library's routing table, with its source and size filled in.</summary>
    private async Task<List<DomainMove>> ResolveAsync(Google.Protobuf.Collections.RepeatedField<DomainMove> requested, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<string, RoutingTable?>(StringComparer.Ordinal);
        var resolved = new List<DomainMove>();
        for (var i = 0; i < requested.Count; i++)
        {
            var move = requested[i];
            if (!tables.TryGetValue(move.Library, out var table))
            {
                table = tables[move.Library] = await TableAsync(move.Library, cancellationToken);
            }

            var entry = table?.Entries.FirstOrDefault(e => e.DomainId == move.DomainId)
                ?? throw RebalancerException.Invalid(table is null
                    ? $"moves[{i}].domain_id: library '{move.Library}' has no routing table at Specialization, so it has no domain {move.DomainId}; check the library name."
                    : $"moves[{i}].domain_id: library '{move.Library}' has no domain '{move.DomainId}' (routing table v{table.Version} has {string.Join(", ", table.Entries.Select(e => e.DomainId))}).");
            var primary = entry.Primary?.Name ?? "";
            var target = move.Target.Name;
            if (target == primary || entry.ReadClusters.Any(c => c.Name == target))
            {
                throw RebalancerException.Invalid($"moves[{i}].target: {target} holds {move.Library}/{move.DomainId} already (primary {primary}); name a cluster that does not.");
            }

            if (move.Source is { Name.Length: > 0 } source && source.Name != primary)
            {
                throw RebalancerException.Invalid($"moves[{i}].source: {move.Library}/{move.DomainId} is on {primary}, not {source.Name}; name {primary} or leave source empty.");
            }

            if (entry.Migrating)
            {
                throw RebalancerException.Precondition($"moves[{i}].domain_id: {move.Library}/{move.DomainId} is being migrated now; wait for that migration to end (GetSpecializationStatus).");
            }

            var full = move.Clone();
            full.Source = new ClusterRef { Name = primary };
            await FillSizeAsync(full, entry.CollectionName, cancellationToken);
            resolved.Add(full);
        }

        return resolved;
    }

    private async Task<RoutingTable?> TableAsync(string library, CancellationToken cancellationToken)
    {
        try
        {
            var table = (await specialization.GetRoutingTableAsync(new GetRoutingTableRequest { Library = library }, cancellationToken: cancellationToken)).Table;
            return table is { Entries.Count: > 0 } ? table : null;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            return null;
        }
    }

    /// <summary>Points and bytes of the domain on its source, when the request left them out (the figures history and metrics report).</summary>
    private async Task FillSizeAsync(DomainMove move, string collection, CancellationToken cancellationToken)
    {
        if (move.PointCount > 0 || !registry.TryGetCluster(move.Source.Name, out var source))
        {
            return;
        }

        try
        {
            var stats = (await source.GetStatsAsync(cancellationToken)).Collections.FirstOrDefault(c => c.Name == collection);
            move.PointCount = (ulong)Math.Max(0, stats?.PointsCount ?? 0);
            move.SizeBytes = move.SizeBytes > 0 ? move.SizeBytes : (ulong)Math.Max(0, stats?.ApproximateBytes ?? 0);
        }
        catch (VectorClusterException)
        {
            // Sizes are for the record only: a source that does not answer now leaves them zero, and Specialization decides.
        }
    }
}
