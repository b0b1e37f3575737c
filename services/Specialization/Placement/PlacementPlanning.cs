using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Maps;
using MultiCluster.Specialization.Routing;

namespace MultiCluster.Specialization.Placement;

/// <summary>
/// PlanPlacements: checks the request, gathers the map, the clusters, where the domains are now and the policy, runs
/// <see cref="PlacementPlanner"/> and stores the plan (with "placement.planned" and its history record).
/// A plan that places some domains is answered with ERROR issues for the others; only a plan that places none of them
/// is refused (RESOURCE_EXHAUSTED), since applying it could do nothing.
/// </summary>
public sealed class PlacementPlanning(
    DomainMapSource maps, DomainMapStore mapStore, InventoryReader inventory, RoutingTableStore routing, PolicyStore policies, PlanStore plans, TimeProvider time)
{
    /// <summary>Computes and stores a plan; its id is set.</summary>
    public async Task<ComputedPlan> PlanAsync(PlanPlacementsRequest request, CancellationToken cancellationToken)
    {
        var computed = await ComputeAsync(request, cancellationToken);
        await plans.SaveAsync(computed.Plan, computed.Result.Issues, cancellationToken);
        return computed;
    }

    /// <summary>Computes a plan without storing it (a dry run); its id is set all the same.</summary>
    public async Task<ComputedPlan> ComputeAsync(PlanPlacementsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        PlanRequestValidator.Check(request);
        var found = await inventory.ReadAsync(request.Library, cancellationToken);
        var candidates = PlanRequestValidator.Candidates(request, found);
        var pins = PlanRequestValidator.Pins(request, found, candidates);
        if (await mapStore.LatestVersionAsync(request.Library, cancellationToken) == 0 && found.Collections.Count == 0)
        {
            throw SpecializationException.NotFound($"library: {request.Library} has no domain map and no collections on any cluster; check the name, or ingest points and run AnalyzeDomains first.");
        }

        var map = await maps.GetAsync(request.Library, request.DomainMapVersion, cancellationToken)
            ?? throw (request.DomainMapVersion == 0
                ? SpecializationException.Precondition($"library: {request.Library} has no published domain map yet; run AnalyzeDomains (Discovery) first, then plan.")
                : SpecializationException.NotFound($"domain_map_version: {request.Library} has no domain map version {request.DomainMapVersion}; pass 0 for the latest published."));
        var leaves = DomainMaps.Leaves(map);
        PlanRequestValidator.PinnedDomains(request, map, leaves);
        var policy = await policies.ResolveAsync(request.Library, cancellationToken);
        var table = await routing.GetAsync(request.Library, 0, cancellationToken);
        var input = Input(request, map, leaves, found, table, policy, pins, candidates);
        if (!input.Clusters.Any(c => c.Healthy && !c.Draining && (candidates?.Contains(c.Name) ?? true)))
        {
            throw SpecializationException.Precondition("clusters: every candidate cluster is draining or not answering; bring one back or name others.");
        }

        var result = PlacementPlanner.Plan(input);
        if (result.NothingFits)
        {
            throw SpecializationException.Exhausted($"clusters: no domain of map v{map.Version} can be placed. {result.Issues[0].Message}");
        }

        result.Plan.PlanId = $"plan-{Guid.NewGuid():N}";
        result.Plan.CreatedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        return new ComputedPlan(result, map, found, policy);
    }

    private static PlanningInput Input(
        PlanPlacementsRequest request, DomainMap map, IReadOnlyList<Domain> leaves, ClusterInventory found, RoutingTable? table, ResolvedPolicy policy,
        IReadOnlyDictionary<string, string> pins, IReadOnlySet<string>? candidates)
    {
        var unassigned = found.Collections.FirstOrDefault(c => c.DomainId == LibraryName.Unassigned && c.Cluster == found.DefaultCluster);
        // Bytes per point from what the clusters hold, else from the map's dimension (float32 vectors).
        var held = found.Collections.Where(c => c.Points > 0).ToList();
        var bytesPerPoint = held.Count > 0 ? (double)held.Sum(c => c.Bytes) / held.Sum(c => c.Points) : Math.Max(1, map.Dimension) * 4.0;
        var domains = leaves.Select(d => new DomainDemand(
            d.DomainId,
            (long)d.PointCount,
            d.SizeBytes > 0 ? (long)d.SizeBytes : (long)Math.Ceiling(d.PointCount * bytesPerPoint),
            d.ProposedCluster?.Name ?? "",
            found.DomainQueryRates.GetValueOrDefault(d.DomainId))).ToList();
        var remaining = (long)Math.Round(map.TotalPoints * map.UnassignedFraction);
        var current = (table?.Entries ?? [])
            .Where(e => e.DomainId != LibraryName.Unassigned && e.Primary is not null)
            // Written-only clusters count: a replica being copied is held already, and must not be planned a second time.
            .Select(e => new CurrentPlacement(e.DomainId, e.Primary.Name, e.ReadClusters.Concat(e.WriteClusters).Select(c => c.Name).Where(n => n != e.Primary.Name).Distinct().ToList()))
            .ToList();
        return new PlanningInput(
            request.Library,
            map.Version,
            domains,
            found.Clusters,
            current,
            policy,
            policy.StrategyFor(request.Strategy),
            pins,
            candidates,
            found.DefaultCluster,
            unassigned is null ? remaining : Math.Min(remaining, unassigned.Points),
            (long)Math.Ceiling(Math.Min(remaining, unassigned?.Points ?? remaining) * bytesPerPoint));
    }
}
