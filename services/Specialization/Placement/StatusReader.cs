using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Maps;
using MultiCluster.Specialization.Migrating;
using MultiCluster.Specialization.Routing;

namespace MultiCluster.Specialization.Placement;

/// <summary>
/// GetSpecializationStatus. The state, first that holds: UNSPECIALIZED without placements; DEGRADED when a cluster of
/// some placement does not answer or the latest specialization failed; IN_PROGRESS while migrations (or the latest
/// specialization) run; OUTDATED when a newer map is stored than the one placed; SPECIALIZED otherwise.
/// </summary>
public sealed class StatusReader(
    SpecializationStore store,
    DomainMapStore maps,
    RoutingTableStore routing,
    PolicyStore policies,
    MigrationCoordinator coordinator,
    IClusterRegistry registry)
{
    public async Task<GetSpecializationStatusResponse> ReadAsync(string library, CancellationToken cancellationToken)
    {
        PlanRequestValidator.CheckLibrary(library);
        var placements = await store.PlacementsAsync(library, cancellationToken);
        var table = await routing.GetAsync(library, 0, cancellationToken);
        var latestMap = await maps.LatestVersionAsync(library, cancellationToken);
        var (unassigned, unassignedExists) = await UnassignedAsync(library, cancellationToken);
        if (placements.Count == 0 && table is null && latestMap == 0 && !unassignedExists)
        {
            throw SpecializationException.NotFound($"library: {library} has no placements, routing table, domain map or \"unassigned\" collection; check the name.");
        }

        var active = await ActiveAsync(library, cancellationToken);
        var latest = await store.LatestAsync(library, cancellationToken);
        var response = new GetSpecializationStatusResponse
        {
            Library = library,
            DomainMapVersion = placements.Count == 0 ? 0 : placements.Max(p => p.MapVersion),
            LatestDomainMapVersion = latestMap,
            RoutingVersion = table?.Version ?? 0,
            UnassignedPoints = (ulong)unassigned,
            Policy = (await policies.ResolveAsync(library, cancellationToken)).ToContract(),
        };
        response.ActiveMigrations.AddRange(active);
        response.Placements.AddRange(placements.Select(p => Effective(p.Placement, table, active)));
        var down = await DownAsync(response.Placements, cancellationToken);
        response.State = placements.Count == 0 ? SpecializationState.Unspecialized
            : down || latest?.State == OperationState.Failed ? SpecializationState.Degraded
            : active.Count > 0 || latest?.State is OperationState.Running or OperationState.Pending ? SpecializationState.InProgress
            : latestMap > response.DomainMapVersion ? SpecializationState.Outdated
            : SpecializationState.Specialized;
        return response;
    }

    /// <summary>A placement stored MIGRATING whose move is no longer running is ACTIVE once routing names its primary.</summary>
    private static Contracts.V1.Placement Effective(Contracts.V1.Placement placement, RoutingTable? table, IReadOnlyList<MigrationStatus> active)
    {
        if (placement.State != PlacementState.Migrating || active.Any(m => m.Move?.DomainId == placement.DomainId))
        {
            return placement;
        }

        var effective = placement.Clone();
        if (table is not null && RouteEntries.Find(table, placement.DomainId) is { Migrating: false } entry && entry.Primary?.Name == placement.Primary?.Name)
        {
            effective.State = PlacementState.Active;
        }

        return effective;
    }

    private Task<IReadOnlyList<MigrationStatus>> ActiveAsync(string library, CancellationToken cancellationToken) =>
        coordinator.ActiveAsync(library, cancellationToken);

    private async Task<(long Count, bool Exists)> UnassignedAsync(string library, CancellationToken cancellationToken)
    {
        try
        {
            return (await registry.Current.DefaultCluster.CountAsync(LibraryName.Collection(library, LibraryName.Unassigned), null, cancellationToken), true);
        }
        catch (CollectionNotFoundException)
        {
            return (0, false);
        }
        catch (VectorClusterException)
        {
            // The default cluster is down: the count is unknown; the state says DEGRADED when a placement uses it.
            return (0, true);
        }
    }

    private async Task<bool> DownAsync(IEnumerable<Contracts.V1.Placement> placements, CancellationToken cancellationToken)
    {
        var names = placements.SelectMany(p => p.Replicas.Append(p.Primary)).Where(c => c is not null).Select(c => c.Name).Distinct(StringComparer.Ordinal);
        var health = await Task.WhenAll(names.Select(async name =>
            registry.Current.TryGetCluster(name, out var cluster) && (await cluster.CheckHealthAsync(cancellationToken)).State != HealthState.Down));
        return health.Any(up => !up);
    }
}
