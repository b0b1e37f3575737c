using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>
/// GetLibraryStatus: versions from the snapshot in use, each domain with its clusters, its point count (counted on its
/// first read cluster that answers, in bounded time) and the worst health of its read clusters (probed once each, in
/// parallel); "unassigned" while it holds points; the library's point count, their sum. Nothing here fails the call:
/// what could not be read is an issue.
/// </summary>
public sealed class LibraryStatusReader(IngestLibraries libraries, ClusterCalls calls, CollectionCounter counter)
{
    public async Task<GetLibraryStatusResponse> GetAsync(GetLibraryStatusRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var routes = await libraries.RoutesAsync(request.Name, "name", cancellationToken);
        var snapshot = routes.Snapshot;
        var domains = routes.Readable.GroupBy(c => c.DomainId).Select(g => (Id: g.Key, Copies: g.ToList())).ToList();
        var clusters = domains.SelectMany(d => d.Copies.Select(c => c.Cluster)).Distinct(StringComparer.Ordinal).ToList();
        var probes = await Task.WhenAll(clusters.Select(async name =>
        {
            var (health, failure) = await calls.TryAsync(name, ClusterCalls.ReadBudget, (c, token) => c.CheckHealthAsync(token), cancellationToken);
            return (name, State: health?.State ?? HealthState.Down, Problem: health?.Problem ?? failure?.Reason);
        }));
        var states = probes.ToDictionary(p => p.name, p => p.State, StringComparer.Ordinal);
        // Up clusters first: a count should not wait out the budget on a cluster the probe already found down.
        var counts = await Task.WhenAll(domains.Select(d => counter.CountAsync(d.Copies.OrderBy(c => states[c.Cluster] == HealthState.Down), cancellationToken)));

        var response = new GetLibraryStatusResponse
        {
            Library = routes.Library,
            DomainMapVersion = snapshot.MapVersion,
            RoutingVersion = snapshot.RoutingVersion,
        };
        var issues = new List<Issue>();
        foreach (var probe in probes.Where(p => p.State != HealthState.Healthy))
        {
            issues.Add(Issue(probe.State == HealthState.Down ? IssueSeverity.Error : IssueSeverity.Warning, probe.State == HealthState.Down ? "CLUSTER_DOWN" : "CLUSTER_DEGRADED",
                $"cluster {probe.name} is {probe.State.ToString().ToLowerInvariant()}: {probe.Problem} Reads of its domains go to their other copies while it is.", probe.name));
        }

        for (var i = 0; i < domains.Count; i++)
        {
            var (id, copies) = domains[i];
            var entry = snapshot.Table?.Entries.FirstOrDefault(e => e.DomainId == id);
            if (id == LibraryName.Unassigned && counts[i] is 0 && domains.Count > 1)
            {
                continue;
            }

            var status = new DomainStatus
            {
                DomainId = id,
                CollectionName = copies[0].Collection,
                Primary = calls.Ref(entry?.Primary?.Name is { Length: > 0 } primary ? primary : copies[0].Cluster),
                PointCount = (ulong)Math.Max(0, counts[i] ?? 0),
                Migrating = entry?.Migrating ?? false,
                Health = Worst(copies.Select(c => states[c.Cluster]).ToList()),
            };
            status.ReadClusters.AddRange(copies.Select(c => calls.Ref(c.Cluster)));
            response.Domains.Add(status);
            if (counts[i] is null)
            {
                issues.Add(Issue(IssueSeverity.Warning, "COUNT_UNAVAILABLE", $"domain {id}: no read cluster counted its points in time; point_count shows 0.", id));
            }

            if (status.Migrating)
            {
                issues.Add(Issue(IssueSeverity.Info, "DOMAIN_MIGRATING", $"domain {id} is moving: reads and writes reach {string.Join(" and ", entry!.WriteClusters.Select(c => c.Name))} until the move completes.", id));
            }
        }

        if (snapshot.Table is { Entries.Count: > 1 } && snapshot.Map is null)
        {
            issues.Add(Issue(IssueSeverity.Warning, "DOMAIN_MAP_MISSING",
                $"routing table v{snapshot.RoutingVersion} places domains, but the domain map with their centroids has not been read from Discovery yet; new points go to unassigned until it is.", ""));
        }

        // A copy: the library is the snapshot's, shared with every request.
        response.Library = routes.Library.Clone();
        response.Library.PointCount = (ulong)response.Domains.Sum(d => (decimal)d.PointCount);
        response.Health = response.Domains.Select(d => d.Health).DefaultIfEmpty(HealthStatus.Healthy).Max();
        response.Issues.AddRange(issues.OrderByDescending(i => i.Severity));
        return response;
    }

    private static HealthStatus Worst(List<HealthState> states) =>
        states.All(s => s == HealthState.Down) ? HealthStatus.Down
        : states.All(s => s == HealthState.Healthy) ? HealthStatus.Healthy
        : HealthStatus.Degraded;

    private static Issue Issue(IssueSeverity severity, string code, string message, string subject) =>
        new() { Severity = severity, Code = code, Message = message, Subject = subject };
}
