using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging.Outbox;
using MultiCluster.Specialization.History;
using MultiCluster.Specialization.Maps;
using MultiCluster.Specialization.Migrating;
using MultiCluster.Specialization.Routing;
using MultiCluster.Specialization.Tuning;
using Npgsql;

namespace MultiCluster.Specialization.Placement;

/// <summary>
/// SpecializeCluster: plans (or loads a stored plan), then applies it. Every new domain's collection is created with the
/// strategy's settings on its primary and replicas and routed there; the placements, the routing rows, the operation,
/// its history record and "placement.planned" commit together. Moves of existing domains and the split of "unassigned"
/// start through the migration coordinator, at most max_parallel_migrations at once (the queue starts the rest).
/// A failure before the commit drops the collections this call created, so nothing half-done is left behind.
/// </summary>
public sealed partial class Specializer(
    PlacementPlanning planning,
    PlanStore plans,
    DomainMapSource maps,
    PolicyStore policies,
    SpecializationStore store,
    RoutingTableStore routing,
    RoutingSignal routingSignal,
    HistoryStore history,
    OutboxWriter outbox,
    IClusterRegistry registry,
    MigrationPump queue,
    MigrationStore migrations,
    NpgsqlDataSource dataSource,
    TimeProvider time,
    ILogger<Specializer> logger)
{
    public async Task<SpecializeClusterResponse> SpecializeAsync(SpecializeClusterRequest request, bool split, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        PlanRequestValidator.CheckLibrary(request.Library);
        PlanRequestValidator.CheckStrategy("strategy", request.Strategy);
        var filter = request.Cluster?.Name ?? "";
        if (filter.Length > 0 && !registry.Current.TryGetCluster(filter, out _))
        {
            throw SpecializationException.NotFound($"cluster: no cluster named {LibraryName.Quote(filter)} is configured; use one of {string.Join(", ", registry.Current.Names)}, or leave it unset for all.");
        }

        var requestId = request.RequestId.Length == 0 ? null : request.RequestId;
        if (requestId is not null && !request.DryRun && await store.FindByRequestAsync(request.Library, requestId, cancellationToken) is { } earlier)
        {
            return await AnswerAsync(earlier, cancellationToken);
        }

        var (plan, map) = await PlanAsync(request, cancellationToken);
        if (request.DryRun)
        {
            return new SpecializeClusterResponse { Plan = plan };
        }

        var policy = await policies.ResolveAsync(request.Library, cancellationToken);
        var table = await routing.GetAsync(request.Library, 0, cancellationToken) ?? new RoutingTable { Library = request.Library };
        var applied = plan.Placements.Where(p => QueuedMigrations.Touches(p, filter)).ToList();
        var fresh = applied.Where(p => p.DomainId != LibraryName.Unassigned && RouteEntries.Find(table, p.DomainId) is null).ToList();
        var (dimension, distance) = fresh.Count == 0 ? (0, Clusters.Distance.Cosine) : await ShapeAsync(request.Library, map, cancellationToken);
        var everyDomainRouted = plan.Placements.All(p => p.DomainId == LibraryName.Unassigned || fresh.Contains(p) || RouteEntries.Find(table, p.DomainId) is not null);
        var unassigned = split && everyDomainRouted && fresh.Count > 0 ? await UnassignedPointsAsync(request.Library, cancellationToken) : 0;
        if (unassigned > 0 && await migrations.FindHoldingAsync(request.Library, LibraryName.Unassigned, cancellationToken) is { IsSplit: true } running)
        {
            // Refused before anything is created: the new domains would be routed with their points left in "unassigned".
            throw SpecializationException.Precondition(
                $"library: the points of 'unassigned' of {LibraryName.Quote(request.Library)} are already being split into their domains (operation {running.OperationId}, " +
                $"{running.State.ToString().ToUpperInvariant()}); one split per library at a time: specialize again once it ends, or pause or cancel that operation.");
        }

        var created = new List<(IVectorCluster Cluster, string Collection)>();
        var operationId = $"spec-{Guid.NewGuid():N}";
        try
        {
            foreach (var placement in fresh)
            {
                await CreateAsync(placement, dimension, distance, created, cancellationToken);
            }

            var row = new SpecializationRow(
                operationId, request.Library, plan.PlanId, requestId, OperationState.Running, [], filter,
                unassigned > 0 ? plan.DomainMapVersion : 0, 0, policy.MaxParallelMigrations, policy.MigrationBatchSize, null, time.GetUtcNow());
            var queued = QueuedMigrations.For(plan, row, registry.Current.DefaultClusterName).Count;
            if (!await CommitAsync(row with { State = queued == 0 ? OperationState.Succeeded : OperationState.Running }, plan, applied, fresh, cancellationToken))
            {
                await DropAsync(created);
                return await AnswerAsync((await store.FindByRequestAsync(request.Library, requestId!, cancellationToken))!, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await DropAsync(created);
            throw;
        }

        LogApplied(request.Library, operationId, plan.PlanId, fresh.Count);
        await queue.PumpAsync(operationId, cancellationToken);
        return await AnswerAsync((await store.GetAsync(operationId, cancellationToken))!, cancellationToken);
    }

    private async Task<(PlacementPlan Plan, DomainMap Map)> PlanAsync(SpecializeClusterRequest request, CancellationToken cancellationToken)
    {
        if (request.PlanId.Length == 0)
        {
            var planRequest = new PlanPlacementsRequest { Library = request.Library, DomainMapVersion = request.DomainMapVersion, Strategy = request.Strategy };
            var computed = request.DryRun ? await planning.ComputeAsync(planRequest, cancellationToken) : await planning.PlanAsync(planRequest, cancellationToken);
            return (computed.Plan, computed.Map);
        }

        var plan = await plans.GetAsync(request.PlanId, cancellationToken)
            ?? throw SpecializationException.NotFound($"plan_id: no plan {LibraryName.Quote(request.PlanId)} is stored; make one with PlanPlacements, or leave plan_id empty to plan now.");
        if (plan.Library != request.Library)
        {
            throw SpecializationException.Precondition($"plan_id: plan {plan.PlanId} is for library {plan.Library}, not {request.Library}; pass a plan of this library.");
        }

        var map = await maps.GetAsync(request.Library, plan.DomainMapVersion, cancellationToken)
            ?? throw SpecializationException.Precondition($"plan_id: the domain map v{plan.DomainMapVersion} of plan {plan.PlanId} is no longer known; plan again.");
        return (plan, map);
    }

    /// <summary>Dimension and distance of the library: from the map when it came whole, else from its "unassigned" collection.</summary>
    private async Task<(int Dimension, Clusters.Distance Distance)> ShapeAsync(string library, DomainMap map, CancellationToken cancellationToken)
    {
        if (map.Dimension > 0 && map.Distance != Contracts.V1.Distance.Unspecified)
        {
            return ((int)map.Dimension, map.Distance switch
            {
                Contracts.V1.Distance.Dot => Clusters.Distance.Dot,
                Contracts.V1.Distance.Euclid => Clusters.Distance.Euclid,
                _ => Clusters.Distance.Cosine,
            });
        }

        try
        {
            var spec = (await registry.Current.DefaultCluster.DescribeCollectionAsync(LibraryName.Collection(library, LibraryName.Unassigned), cancellationToken)).Spec;
            return (spec.VectorSize, spec.Distance);
        }
        catch (CollectionNotFoundException)
        {
            throw SpecializationException.Precondition($"library: the dimension of {library} is unknown: its domain map does not say it and it has no \"unassigned\" collection on {registry.Current.DefaultClusterName}; try again when Discovery answers.");
        }
    }

    private async Task CreateAsync(Contracts.V1.Placement placement, int dimension, Clusters.Distance distance, List<(IVectorCluster, string)> created, CancellationToken cancellationToken)
    {
        var spec = CollectionTuning.ToSpec(placement.CollectionName, dimension, distance, placement.Settings);
        foreach (var name in placement.Replicas.Prepend(placement.Primary).Select(c => c.Name))
        {
            var cluster = registry.GetCluster(name);
            try
            {
                await cluster.CreateCollectionAsync(spec, cancellationToken);
                created.Add((cluster, placement.CollectionName));
            }
            catch (CollectionAlreadyExistsException)
            {
                // Left by an earlier attempt or made by hand: kept as it is, and not dropped if this call fails.
            }
        }
    }

    private async Task<long> UnassignedPointsAsync(string library, CancellationToken cancellationToken)
    {
        try
        {
            return await registry.Current.DefaultCluster.CountAsync(LibraryName.Collection(library, LibraryName.Unassigned), null, cancellationToken);
        }
        catch (CollectionNotFoundException)
        {
            return 0;
        }
    }

    private async Task<bool> CommitAsync(
        SpecializationRow row, PlacementPlan plan, List<Contracts.V1.Placement> applied, List<Contracts.V1.Placement> fresh, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await SpecializationStore.InsertAsync(transaction, row, cancellationToken))
        {
            return false;
        }

        var moving = plan.Moves.Where(m => QueuedMigrations.Touches(plan, m.DomainId, row.ClusterFilter)).Select(m => m.DomainId).ToHashSet(StringComparer.Ordinal);
        await SpecializationStore.PutPlacementsAsync(transaction, plan.DomainMapVersion, applied.Select(p =>
        {
            var stored = p.Clone();
            stored.State = moving.Contains(p.DomainId) ? PlacementState.Migrating : PlacementState.Active;
            return stored;
        }), cancellationToken);
        var defaultCluster = registry.Current.DefaultClusterName;
        var table = await routing.ChangeAsync(transaction, row.Library, new RoutingEdit($"{fresh.Count} new domains of map v{plan.DomainMapVersion} placed, replicas promoted to primary where the plan says ({row.OperationId})", current =>
        {
            var changed = new List<string>();
            foreach (var placement in fresh)
            {
                RouteEntries.Put(current, RouteEntries.Placed(row.Library, placement.DomainId, placement.Primary.Name, placement.Replicas.Select(r => r.Name)));
                changed.Add(placement.DomainId);
            }

            if (changed.Count > 0 && RouteEntries.Find(current, LibraryName.Unassigned) is null)
            {
                RouteEntries.Put(current, RouteEntries.Placed(row.Library, LibraryName.Unassigned, defaultCluster, []));
                changed.Add(LibraryName.Unassigned);
            }

            if (changed.Count > 0)
            {
                current.DomainMapVersion = plan.DomainMapVersion;
            }

            // A plan's primary that is a replica now needs no move (PlanMoves made none): it becomes primary here, with
            // the plan, so the drop of the old primary that the plan may queue finds it a replica.
            foreach (var placement in applied.Where(p => p.DomainId != LibraryName.Unassigned && !fresh.Contains(p)))
            {
                if (RouteEntries.Find(current, placement.DomainId) is { } entry && RouteEntries.Promote(entry, placement.Primary.Name) is { } promoted)
                {
                    RouteEntries.Put(current, promoted);
                    changed.Add(placement.DomainId);
                }
            }

            return changed;
        }), cancellationToken);
        await outbox.WriteAsync(transaction, Topics.PlacementPlanned, new PlacementPlannedEvent { Plan = plan, OperationId = row.OperationId }, cancellationToken);
        var now = Timestamp.FromDateTimeOffset(row.CreatedAt);
        await history.RecordAsync(transaction, new SpecializationRecord
        {
            Kind = SpecializationEventKind.Specialize,
            OperationId = row.OperationId,
            Library = row.Library,
            State = row.State,
            Summary = $"plan {plan.PlanId} (map v{plan.DomainMapVersion}) applied{(row.ClusterFilter.Length > 0 ? $" on {row.ClusterFilter}" : "")}: {fresh.Count} collections created, " +
                $"{plan.Moves.Count(m => QueuedMigrations.Touches(plan, m.DomainId, row.ClusterFilter))} moves{(row.SplitMapVersion > 0 ? ", unassigned split" : "")}",
            RoutingVersion = table.Version,
            StartedAt = now,
            FinishedAt = row.State == OperationState.Succeeded ? now : null,
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        routingSignal.Notify();
        return true;
    }

    private async Task DropAsync(IReadOnlyList<(IVectorCluster Cluster, string Collection)> created)
    {
        foreach (var (cluster, collection) in created)
        {
            try
            {
                // Not the caller's token: the clean-up must run even when the call was cancelled.
                await cluster.DropCollectionAsync(collection, CancellationToken.None);
            }
            catch (VectorClusterException e)
            {
                LogLeftBehind(collection, cluster.Name, e.Message);
            }
        }
    }

    private async Task<SpecializeClusterResponse> AnswerAsync(SpecializationRow row, CancellationToken cancellationToken)
    {
        var response = new SpecializeClusterResponse
        {
            OperationId = row.OperationId,
            Plan = await plans.GetAsync(row.PlanId, cancellationToken),
        };
        response.MigrationOperationIds.AddRange(row.MigrationIds);
        return response;
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Specialization {OperationId} of {Library} applies plan {PlanId}: {Created} new domains placed")]
    private partial void LogApplied(string library, string operationId, string planId, int created);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Collection {Collection} created on {Cluster} by a failed specialization could not be dropped: {Reason}")]
    private partial void LogLeftBehind(string collection, string cluster, string reason);
}
