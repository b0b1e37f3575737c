using System.Globalization;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// Where a query goes and why. Pure: the same snapshot, query, hints and cluster conditions give the same plan.
/// Domains are chosen by centroid closeness (explicit ids, a fixed count, or the calibrated adaptive margin), then
/// one copy of each by the strategy (<see cref="CopyChoice"/>); a migrating domain is read from every read cluster,
/// since each holds part of it. BROADCAST takes every domain.
/// </summary>
public static class QueryRouter
{
    public static RoutePlan Route(RouteRequest request, Func<string, ClusterCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(conditions);
        var snapshot = request.Snapshot;
        var hints = request.Hints;
        var strategy = hints.Strategy != RoutingStrategy.Unspecified ? hints.Strategy : request.Policy.Strategy;
        var entries = (snapshot.Table?.Entries ?? []).ToDictionary(e => e.DomainId, StringComparer.Ordinal);
        var scores = snapshot.Map is { } map ? CentroidScores.Rank(map, request.Vector) : [];
        var candidates = new List<DomainCandidate>();
        var chosen = new List<string>();
        var notes = new List<string>();

        if (!snapshot.IsRouted)
        {
            notes.Add("the library has no published domain map with placements yet, so every point is in \"unassigned\"");
        }
        else if (strategy == RoutingStrategy.Broadcast)
        {
            foreach (var score in scores)
            {
                candidates.Add(Candidate(score, true, "broadcast: every domain"));
            }

            chosen.AddRange(entries.Keys.Where(d => d != LibraryName.Unassigned).Order(StringComparer.Ordinal));
            notes.Add("broadcast searches every domain (exhaustive)");
        }
        else
        {
            SelectDomains(request, scores, entries, candidates, chosen, notes);
        }

        if (IncludeUnassigned(request, strategy, notes))
        {
            chosen.Add(LibraryName.Unassigned);
        }

        var allowed = hints.Clusters.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var targets = new List<RouteTargetPlan>();
        var decisionTargets = new List<RouteTarget>();
        foreach (var domainId in chosen)
        {
            var entry = entries.GetValueOrDefault(domainId) ?? UnplacedUnassigned(snapshot.Library.Name, request.DefaultCluster);
            var copies = entry.ReadClusters.Select(c => c.Name).Where(c => allowed.Count == 0 || allowed.Contains(c)).Distinct(StringComparer.Ordinal)
                .Select(conditions).ToList();
            if (copies.Count == 0)
            {
                notes.Add($"domain {domainId} has no copy on the clusters the request allows, so it is skipped");
                continue;
            }

            if (entry.Migrating)
            {
                // Each side of a move holds part of the domain until the flip: read both, hedge neither.
                foreach (var copy in copies)
                {
                    targets.Add(new RouteTargetPlan(domainId, entry.CollectionName, copy.Cluster, []));
                    decisionTargets.Add(Target(domainId, entry.CollectionName, copy, "migrating: every side of the move is read"));
                }

                continue;
            }

            var (order, reason) = CopyChoice.Order(strategy, entry.Primary?.Name ?? "", copies);
            targets.Add(new RouteTargetPlan(domainId, entry.CollectionName, order[0].Cluster, [.. order.Skip(1).Where(c => !c.IsOpen).Select(c => c.Cluster)]));
            decisionTargets.Add(Target(domainId, entry.CollectionName, order[0], reason));
        }

        var decision = new RoutingDecision
        {
            Strategy = strategy,
            DomainMapVersion = snapshot.MapVersion,
            RoutingVersion = snapshot.RoutingVersion,
            Explanation = Explain(strategy, targets, scores, notes),
        };
        decision.Candidates.AddRange(candidates);
        decision.Targets.AddRange(decisionTargets);
        return new RoutePlan(targets, decision, scores);
    }

    private static void SelectDomains(
        RouteRequest request, IReadOnlyList<DomainScore> scores, Dictionary<string, RouteEntry> entries,
        List<DomainCandidate> candidates, List<string> chosen, List<string> notes)
    {
        var hints = request.Hints;
        if (hints.DomainIds.Count > 0)
        {
            var asked = hints.DomainIds.ToHashSet(StringComparer.Ordinal);
            foreach (var score in scores)
            {
                candidates.Add(Candidate(score, asked.Contains(score.DomainId), asked.Contains(score.DomainId) ? "named in routing.domain_ids" : "not named in routing.domain_ids"));
            }

            chosen.AddRange(hints.DomainIds.Where(d => d != LibraryName.Unassigned && entries.ContainsKey(d)).Distinct(StringComparer.Ordinal));
            notes.Add("the request named its domains");
            return;
        }

        var floor = hints.MinDomainSimilarity != 0 ? hints.MinDomainSimilarity : request.Policy.MinDomainSimilarity;
        var maxDomains = hints.MaxDomains > 0 ? (int)hints.MaxDomains : request.Policy.MaxDomains;
        var cosine = request.Snapshot.Library.Distance == Contracts.V1.Distance.Cosine;
        var calibrated = request.CalibratedMargin is not null;
        var margin = request.CalibratedMargin ?? AdaptiveMargin.Uncalibrated(scores, cosine);
        var adaptiveCount = AdaptiveMargin.Count(scores, margin);
        if (!calibrated)
        {
            adaptiveCount = Math.Min(adaptiveCount, AdaptiveMargin.UncalibratedMaxDomains);
        }

        var count = maxDomains > 0 ? maxDomains : adaptiveCount;
        notes.Add(maxDomains > 0
            ? $"up to {maxDomains} domains (max_domains)"
            : calibrated
                ? Invariant($"adaptive count: domains within the calibrated margin {margin:0.####} of the best")
                : Invariant($"no calibration yet for map version {request.Snapshot.MapVersion}: safe default of domains within {margin:0.####} of the best, at most {AdaptiveMargin.UncalibratedMaxDomains}"));
        var taken = 0;
        for (var rank = 0; rank < scores.Count; rank++)
        {
            var score = scores[rank];
            string reason;
            var selected = false;
            if (!entries.ContainsKey(score.DomainId))
            {
                reason = "no route entry: not placed yet";
            }
            else if (floor != 0 && score.Cosine < floor)
            {
                reason = Invariant($"similarity {score.Cosine:0.###} < floor {floor:0.###}");
            }
            else if (taken >= count)
            {
                reason = maxDomains > 0
                    ? $"rank {rank + 1} > max_domains {maxDomains}"
                    : Invariant($"closeness {score.Closeness:0.####} is {scores[0].Closeness - score.Closeness:0.####} behind the best, beyond the margin {margin:0.####}");
            }
            else
            {
                selected = true;
                taken++;
                reason = rank == 0 ? "closest domain" : Invariant($"rank {rank + 1}, {scores[0].Closeness - score.Closeness:0.####} behind the best");
                chosen.Add(score.DomainId);
            }

            candidates.Add(Candidate(score, selected, reason));
        }

        // Entries the map does not know (a table ahead of the map held here) cannot be ranked: read them rather than lose them.
        var ranked = scores.Select(s => s.DomainId).ToHashSet(StringComparer.Ordinal);
        foreach (var unranked in entries.Keys.Where(d => d != LibraryName.Unassigned && !ranked.Contains(d)).Order(StringComparer.Ordinal))
        {
            chosen.Add(unranked);
            notes.Add($"domain {unranked} is routed but not in the map held, so it is searched to be safe");
        }
    }

    private static bool IncludeUnassigned(RouteRequest request, RoutingStrategy strategy, List<string> notes)
    {
        if (!request.Snapshot.IsRouted)
        {
            return true;
        }

        if (request.Hints.ExcludeUnassigned)
        {
            notes.Add("\"unassigned\" excluded by the request");
            return false;
        }

        if (request.Hints.DomainIds.Count > 0 && !request.Hints.DomainIds.Contains(LibraryName.Unassigned))
        {
            return false;
        }

        if (!request.UnassignedHasPoints)
        {
            return false;
        }

        notes.Add(strategy == RoutingStrategy.Broadcast ? "\"unassigned\" holds points" : "\"unassigned\" holds points not yet classified, so it is searched too");
        return true;
    }

    private static RouteEntry UnplacedUnassigned(string library, string defaultCluster) => new()
    {
        DomainId = LibraryName.Unassigned,
        CollectionName = LibraryName.Collection(library, LibraryName.Unassigned),
        Primary = new ClusterRef { Name = defaultCluster },
        ReadClusters = { new ClusterRef { Name = defaultCluster } },
    };

    private static DomainCandidate Candidate(DomainScore score, bool selected, string reason) =>
        new() { DomainId = score.DomainId, Similarity = score.Cosine, Selected = selected, Reason = reason };

    private static RouteTarget Target(string domainId, string collection, ClusterCondition copy, string reason) => new()
    {
        DomainId = domainId,
        CollectionName = collection,
        Cluster = new ClusterRef { Name = copy.Cluster },
        Reason = reason,
        LatencyP99Ms = copy.LatencyP99Ms,
        InFlight = (uint)copy.InFlight,
        CircuitState = copy.Circuit,
    };

    private static string Explain(RoutingStrategy strategy, IReadOnlyList<RouteTargetPlan> targets, IReadOnlyList<DomainScore> scores, List<string> notes)
    {
        var domains = targets.Select(t => t.DomainId).Distinct(StringComparer.Ordinal).ToList();
        var clusters = targets.Select(t => t.Cluster).Distinct(StringComparer.Ordinal).Count();
        return $"Strategy {strategy}: {domains.Count} of {scores.Count} mapped domains searched ({string.Join(", ", domains)}) on {clusters} cluster(s). " +
            string.Join("; ", notes) + ".";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
