using System.Globalization;
using static System.FormattableString;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Tuning;

namespace MultiCluster.Specialization.Placement;

/// <summary>
/// Places every domain of a map on a primary and the policy's number of replicas: greedy, largest domains first, each
/// onto the eligible cluster the strategy ranks best (balanced and recall: least filled after; memory: fullest that
/// still has room; latency: most idle by queries and fill; throughput: least loaded, plus a replica for hot domains),
/// primaries in the most preferred region that has room, never above max_fill_ratio (counting what stays on each
/// cluster), replicas never beside the primary nor twice on one cluster, draining and unhealthy clusters never
/// chosen. A domain stays where it is, or goes where Discovery proposed, when that is nearly as good, since a move
/// copies the whole domain. Pure: everything is sorted and ties go by name, so the same input gives the same plan.
/// </summary>
public static class PlacementPlanner
{
    /// <summary>How much worse (in fill share) staying put or following Discovery's proposal may be than the best choice.</summary>
    public const double Stickiness = 0.05;

    public static PlanResult Plan(PlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var issues = new List<Issue>();
        var domains = input.Domains
            .OrderByDescending(d => d.PointCount).ThenByDescending(d => d.SizeBytes).ThenBy(d => d.DomainId, StringComparer.Ordinal)
            .ToList();
        var copies = 1 + input.Policy.ReplicaCount;
        var scale = Math.Max(1.0, input.Clusters.Sum(c => (double)c.BasePoints) + input.UnassignedPoints + (domains.Sum(d => (double)d.PointCount) * copies));
        var tallies = input.Clusters.OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new ClusterTally(c, input.Policy.MaxFillRatio, scale))
            .ToDictionary(t => t.Name, StringComparer.Ordinal);
        var eligible = tallies.Values.Where(t => t.Cluster.Healthy && !t.Cluster.Draining && (input.Candidates?.Contains(t.Name) ?? true)).ToList();
        foreach (var left in tallies.Values.Where(t => (input.Candidates?.Contains(t.Name) ?? false) && (t.Cluster.Draining || !t.Cluster.Healthy)))
        {
            issues.Add(Warning("CLUSTER_LEFT_OUT", left.Name,
                $"{left.Name} is {(left.Cluster.Draining ? "draining" : "not answering")}, so nothing is placed on it; {(left.Cluster.Draining ? "stop draining it" : "bring it back")} to use it."));
        }

        var unassigned = new DomainDemand(LibraryName.Unassigned, input.UnassignedPoints, input.UnassignedBytes);
        if (tallies.TryGetValue(input.DefaultCluster, out var home))
        {
            home.Add(unassigned);
        }

        var totalRate = Math.Max(1e-9, input.Clusters.Sum(c => c.QueryRate) + domains.Sum(d => d.QueryRate));
        var meanRate = domains.Count > 0 ? domains.Average(d => d.QueryRate) : 0;
        var current = input.Current.ToDictionary(c => c.DomainId, StringComparer.Ordinal);
        var settings = StrategySettings.For(input.Strategy);
        var placements = new List<Contracts.V1.Placement>();
        foreach (var domain in domains)
        {
            current.TryGetValue(domain.DomainId, out var now);
            var chosen = ChoosePrimary(input, domain, tallies, eligible, now, totalRate, issues);
            if (chosen is null)
            {
                continue;
            }

            var (primary, why) = chosen.Value;
            primary.Add(domain);
            var hot = input.Strategy == OptimizationStrategy.Throughput && meanRate > 0 && domain.QueryRate >= 2 * meanRate;
            var replicas = ChooseReplicas(input, domain, primary, eligible, now, input.Policy.ReplicaCount + (hot ? 1 : 0), issues);
            var placement = Planned(input.Library, domain, primary, settings, why + ReplicaReason(input.Strategy, replicas, hot, domain.QueryRate / Math.Max(meanRate, 1e-9)));
            placement.Replicas.AddRange(replicas.Select(name => Ref(tallies[name])));
            placements.Add(placement);
        }

        if (home is not null)
        {
            placements.Add(Planned(input.Library, unassigned, home, settings, $"points no domain holds yet stay on the default cluster {home.Name} ({home.Describe()} after)"));
        }

        var plan = new PlacementPlan { Library = input.Library, DomainMapVersion = input.MapVersion, Strategy = input.Strategy };
        plan.Placements.AddRange(placements.OrderBy(p => p.DomainId, StringComparer.Ordinal));
        plan.Moves.AddRange(PlanMoves.From(input.Library, plan.Placements, current, tallies));
        foreach (var tally in tallies.Values)
        {
            plan.ExpectedFillRatio[tally.Name] = tally.FillRatio;
        }

        var ordered = issues.OrderByDescending(i => i.Severity).ThenBy(i => i.Subject, StringComparer.Ordinal).ThenBy(i => i.Code, StringComparer.Ordinal).ToList();
        return new PlanResult(plan, ordered, domains.Count > 0 && !placements.Any(p => p.DomainId != LibraryName.Unassigned));
    }

    private static (ClusterTally Cluster, string Why)? ChoosePrimary(
        PlanningInput input, DomainDemand domain, Dictionary<string, ClusterTally> tallies, IReadOnlyList<ClusterTally> eligible,
        CurrentPlacement? now, double totalRate, List<Issue> issues)
    {
        if (input.Pins.TryGetValue(domain.DomainId, out var pinned))
        {
            if (!tallies.TryGetValue(pinned, out var pin) || pin.Cluster.Draining || !pin.Cluster.Healthy)
            {
                issues.Add(Error("PIN_NOT_USABLE", domain.DomainId, $"domain {domain.DomainId} is pinned to {pinned}, which is {(pin is null ? "not configured" : pin.Cluster.Draining ? "draining" : "not answering")}; it is left unplaced. Pin it to another cluster."));
                return null;
            }

            if (!pin.Fits(domain))
            {
                issues.Add(Error("CAPACITY_EXCEEDED", domain.DomainId, Invariant($"domain {domain.DomainId} ({domain.PointCount:N0} points) is pinned to {pin.Name}, which would be {pin.Overflow(domain).Limit}; it is left unplaced. Pin it elsewhere, add capacity or raise max_fill_ratio.")));
                return null;
            }

            return (pin, $"pinned to {pin.Name} by the request ({Filled(pin, domain)} after)");
        }

        var fitting = eligible.Where(t => t.Fits(domain)).ToList();
        if (fitting.Count == 0)
        {
            issues.Add(Unplaced(domain, eligible));
            return null;
        }

        var (pool, region) = PreferredRegion(fitting, input.Policy.PreferredRegions);
        var ranked = pool.OrderBy(t => Score(input.Strategy, t, domain, totalRate)).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        var best = ranked[0];
        var bestScore = Score(input.Strategy, best, domain, totalRate);
        var inRegion = region is null ? "" : $" in preferred region {region}";
        if (now is not null && ranked.FirstOrDefault(t => t.Name == now.Primary) is { } stay && Score(input.Strategy, stay, domain, totalRate) <= bestScore + Stickiness)
        {
            return (stay, $"stays on its primary {stay.Name}{inRegion} ({Filled(stay, domain)} after; within {Stickiness:0%} of the best choice, so nothing moves)");
        }

        if (domain.ProposedCluster.Length > 0 && ranked.FirstOrDefault(t => t.Name == domain.ProposedCluster) is { } proposed
            && Score(input.Strategy, proposed, domain, totalRate) <= bestScore + Stickiness)
        {
            return (proposed, $"the cluster Discovery proposed, {proposed.Name}{inRegion} ({Filled(proposed, domain)} after)");
        }

        var outside = region is null && input.Policy.PreferredRegions.Count > 0 ? $" (no cluster with room in preferred regions {string.Join(", ", input.Policy.PreferredRegions)})" : "";
        return (best, input.Strategy switch
        {
            OptimizationStrategy.Memory => $"fullest cluster with room{inRegion}, packing densely for the memory strategy: {best.Name}, {Filled(best, domain)} after{outside}",
            OptimizationStrategy.Latency => $"most idle cluster{inRegion} for the latency strategy: {best.Name}, {best.QueryRate.ToString("0.#", CultureInfo.InvariantCulture)} queries/s and {Filled(best, domain)} after{outside}",
            OptimizationStrategy.Throughput => $"least loaded cluster{inRegion} for the throughput strategy: {best.Name}, {Filled(best, domain)} after{outside}",
            _ => $"largest free share{inRegion}: {best.Name}, {Filled(best, domain)} after{outside}",
        });
    }

    private static List<string> ChooseReplicas(
        PlanningInput input, DomainDemand domain, ClusterTally primary, IReadOnlyList<ClusterTally> eligible, CurrentPlacement? now, int wanted, List<Issue> issues)
    {
        var chosen = new List<string>();
        for (var slot = 0; slot < wanted; slot++)
        {
            var ranked = eligible.Where(t => t.Name != primary.Name && !chosen.Contains(t.Name) && t.Fits(domain))
                .OrderBy(t => ReplicaScore(input.Strategy, t, domain)).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
            if (ranked.Count == 0)
            {
                issues.Add(Warning("REPLICAS_SHORT", domain.DomainId,
                    Invariant($"domain {domain.DomainId} has {slot} of {wanted} replicas: no other eligible cluster has room for its {domain.PointCount:N0} points. Add clusters or capacity, or lower replica_count.")));
                break;
            }

            var bestScore = ReplicaScore(input.Strategy, ranked[0], domain);
            var pick = ranked.FirstOrDefault(t => now is not null && (now.Replicas.Contains(t.Name) || now.Primary == t.Name) && ReplicaScore(input.Strategy, t, domain) <= bestScore + Stickiness)
                ?? ranked[0];
            pick.Add(domain);
            chosen.Add(pick.Name);
        }

        return chosen.Order(StringComparer.Ordinal).ToList();
    }

    private static (IReadOnlyList<ClusterTally> Pool, string? Region) PreferredRegion(IReadOnlyList<ClusterTally> fitting, IReadOnlyList<string> preferred)
    {
        foreach (var region in preferred)
        {
            var here = fitting.Where(t => t.Cluster.Region == region).ToList();
            if (here.Count > 0)
            {
                return (here, region);
            }
        }

        return (fitting, null);
    }

    /// <summary>Lower is better.</summary>
    private static double Score(OptimizationStrategy strategy, ClusterTally cluster, DomainDemand domain, double totalRate)
    {
        var fill = cluster.FillAfter(domain);
        var rate = (cluster.QueryRate + domain.QueryRate) / totalRate;
        return strategy switch
        {
            OptimizationStrategy.Memory => 1 - fill,
            OptimizationStrategy.Latency => rate + (fill / 2),
            OptimizationStrategy.Throughput => rate + fill,
            _ => fill,
        };
    }

    private static double ReplicaScore(OptimizationStrategy strategy, ClusterTally cluster, DomainDemand domain) =>
        strategy == OptimizationStrategy.Memory ? 1 - cluster.FillAfter(domain) : cluster.FillAfter(domain);

    private static string ReplicaReason(OptimizationStrategy strategy, List<string> replicas, bool hot, double heat) =>
        (replicas.Count == 0 ? "" : $"; replicas on {string.Join(", ", replicas)} ({(strategy == OptimizationStrategy.Memory ? "fullest" : "least filled")} other clusters with room)")
        + (hot ? $"; hot domain ({heat.ToString("0.#", CultureInfo.InvariantCulture)}x the mean query rate): one extra replica" : "");

    private static string Filled(ClusterTally cluster, DomainDemand domain) => cluster.Cluster.CapacityPoints > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{(double)(cluster.Points + domain.PointCount) / cluster.Cluster.CapacityPoints:0%} filled")
        : string.Create(CultureInfo.InvariantCulture, $"{cluster.Points + domain.PointCount:N0} points, no capacity limit");

    private static Issue Unplaced(DomainDemand domain, IReadOnlyList<ClusterTally> eligible)
    {
        if (eligible.Count == 0)
        {
            return Error("NO_ELIGIBLE_CLUSTER", domain.DomainId,
                Invariant($"domain {domain.DomainId} ({domain.PointCount:N0} points) is left unplaced: every candidate cluster is draining, not answering or left out of the request's clusters."));
        }

        var closest = eligible.OrderBy(t => t.Overflow(domain).Over).ThenBy(t => t.Name, StringComparer.Ordinal).First();
        return Error("CAPACITY_EXCEEDED", domain.DomainId,
            Invariant($"domain {domain.DomainId} ({domain.PointCount:N0} points, {domain.SizeBytes:N0} bytes) fits no cluster: the closest, {closest.Name}, would be {closest.Overflow(domain).Limit}. Add capacity, raise max_fill_ratio or lower replica_count."));
    }

    private static Contracts.V1.Placement Planned(string library, DomainDemand domain, ClusterTally primary, CollectionSettings settings, string reason) => new()
    {
        Library = library,
        DomainId = domain.DomainId,
        CollectionName = LibraryName.Collection(library, domain.DomainId),
        Primary = Ref(primary),
        Settings = settings.Clone(),
        State = PlacementState.Planned,
        PointCount = (ulong)domain.PointCount,
        SizeBytes = (ulong)domain.SizeBytes,
        Reason = reason,
    };

    private static ClusterRef Ref(ClusterTally cluster) => new() { Name = cluster.Name, Region = cluster.Cluster.Region };

    private static Issue Error(string code, string subject, string message) => new() { Severity = IssueSeverity.Error, Code = code, Subject = subject, Message = message };

    private static Issue Warning(string code, string subject, string message) => new() { Severity = IssueSeverity.Warning, Code = code, Subject = subject, Message = message };
}
