using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Maps;
using MultiCluster.Specialization.Placement;
using MultiCluster.Specialization.Replicas;
using MultiCluster.Specialization.Routing;

namespace MultiCluster.Specialization.Verification;

/// <summary>
/// ValidateSpecialization: checks every copy the library's current routing table requires (exists, settings as placed,
/// the primary's count, and when deep the digest of every point) and reports what is wrong, most severe first:
/// missing collections and count or checksum mismatches (ERROR; WARNING while the domain is moving, when copies differ
/// by design), orphan collections and domains of the latest map without a route (WARNING).
/// </summary>
public sealed class PlacementValidator(RoutingTableStore routing, SpecializationStore placementStore, DomainMapStore maps, MigrationCollections migrations, IClusterRegistry registry)
{
    public async Task<ValidateSpecializationResponse> ValidateAsync(string library, bool deep, CancellationToken cancellationToken)
    {
        LibraryArgument.Check(library);
        var table = await routing.GetAsync(library, 0, cancellationToken);
        var collections = await ClusterCollections.ListAsync(registry.Current, cancellationToken);
        if (table is null && !collections.AnyOf(library))
        {
            throw SpecializationException.NotFound($"library: {LibraryName.Quote(library)} has no routing table and no collection \"{library}__*\" on any cluster; " +
                "check the name, or plan and apply placements for it first (PlanPlacements, SpecializeCluster).");
        }

        var response = new ValidateSpecializationResponse();
        var issues = new List<Issue>();
        foreach (var failure in collections.Failures)
        {
            issues.Add(Issue(IssueSeverity.Error, "CLUSTER_UNREACHABLE", failure.Cluster,
                $"cluster {failure.Cluster} did not answer ({failure.Message}); its copies could not be checked. Check it with HealthCheckClusters."));
        }

        var placements = (await placementStore.PlacementsAsync(library, cancellationToken)).ToDictionary(p => p.Placement.DomainId, p => p.Placement, StringComparer.Ordinal);
        foreach (var entry in table?.Entries ?? [])
        {
            var entryCheck = new EntryCheck(library, entry, placements.GetValueOrDefault(entry.DomainId), collections, deep, issues);
            response.Checks.Add(await entryCheck.RunAsync(cancellationToken));
        }

        var inUse = await migrations.InUseAsync(library, cancellationToken);
        foreach (var (cluster, collection) in OrphanFinder.Find(library, table, collections, inUse))
        {
            issues.Add(Issue(IssueSeverity.Warning, "ORPHAN_COLLECTION", collection,
                $"{collection} on {cluster} is in no route and no migration uses it; delete it with SyncAcrossClusters (delete_orphans) if it is not needed."));
        }

        if (await maps.GetAsync(library, 0, cancellationToken) is { } map)
        {
            foreach (var domain in map.Domains.Where(d => table is null || RouteEntries.Find(table, d.DomainId) is null))
            {
                issues.Add(Issue(IssueSeverity.Warning, "ROUTING_GAP", domain.DomainId,
                    $"domain {domain.DomainId} of map v{map.Version} has no route, so its points are neither written nor searched there; apply the map's placements (SpecializeCluster)."));
            }
        }

        response.Issues.Add(issues.OrderByDescending(i => i.Severity));
        response.Valid = issues.All(i => i.Severity != IssueSeverity.Error);
        return response;
    }

    private static Issue Issue(IssueSeverity severity, string code, string subject, string message) =>
        new() { Severity = severity, Code = code, Subject = subject, Message = message };

    /// <summary>The copies of one route entry, the primary first (its count is what the others are expected to hold).</summary>
    private sealed class EntryCheck(string library, RouteEntry entry, Contracts.V1.Placement? placement, ClusterCollections collections, bool deep, List<Issue> issues)
    {
        private readonly string _collection = OrphanFinder.CollectionOf(library, entry);

        // A moving domain's copies differ by design until the move is verified.
        private IssueSeverity MismatchSeverity => entry.Migrating ? IssueSeverity.Warning : IssueSeverity.Error;

        public async Task<IEnumerable<PlacementCheck>> RunAsync(CancellationToken cancellationToken)
        {
            var names = entry.ReadClusters.Concat(entry.WriteClusters).Select(c => c.Name).Prepend(entry.Primary?.Name ?? "")
                .Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var checks = new List<PlacementCheck>();
            foreach (var name in names)
            {
                checks.Add(await CheckAsync(name, cancellationToken));
            }

            var primary = checks.FirstOrDefault(c => c.Cluster.Name == entry.Primary?.Name);
            foreach (var check in checks)
            {
                check.ExpectedPoints = primary?.ActualPoints ?? 0;
                if (check == primary || !check.Exists || primary is not { Exists: true })
                {
                    continue;
                }

                if (check.ActualPoints != check.ExpectedPoints)
                {
                    issues.Add(Issue(MismatchSeverity, "COUNT_MISMATCH", _collection,
                        $"{_collection} holds {check.ActualPoints:N0} points on {check.Cluster.Name} but {check.ExpectedPoints:N0} on its primary {primary.Cluster.Name}; " +
                        (entry.Migrating ? "the domain is moving, so this settles when the move is verified." : "repair the copy with SyncAcrossClusters.")));
                }
                else if (deep && check.Checksum != primary.Checksum)
                {
                    issues.Add(Issue(MismatchSeverity, "CHECKSUM_MISMATCH", _collection,
                        $"{_collection} on {check.Cluster.Name} holds as many points as on its primary {primary.Cluster.Name} but not the same ones (or not the same " +
                        "vectors or payloads); repair the copy with SyncAcrossClusters."));
                }
            }

            return checks;
        }

        private async Task<PlacementCheck> CheckAsync(string cluster, CancellationToken cancellationToken)
        {
            var check = new PlacementCheck { DomainId = entry.DomainId, Cluster = new ClusterRef { Name = cluster }, CollectionName = _collection };
            if (!collections.Snapshot.TryGetCluster(cluster, out var client))
            {
                issues.Add(Issue(IssueSeverity.Error, "CLUSTER_NOT_CONFIGURED", cluster,
                    $"the route of {entry.DomainId} names cluster {cluster}, which is not configured; configure it (SetClusterConfig) or move the domain away."));
                return check;
            }

            if (!collections.TryGet(cluster, out var names))
            {
                return check;
            }

            if (!names.Contains(_collection))
            {
                issues.Add(Issue(IssueSeverity.Error, "COLLECTION_MISSING", _collection,
                    $"{_collection} is missing on {cluster}, which the route of {entry.DomainId} names; create and fill it with SyncAcrossClusters."));
                return check;
            }

            try
            {
                var info = await client.DescribeCollectionAsync(_collection, cancellationToken);
                check.Exists = true;
                check.SettingsMatch = placement?.Settings is not { } settings || SettingsComparison.Matches(settings, info.Spec);
                check.ActualPoints = (ulong)await client.CountAsync(_collection, cancellationToken: cancellationToken);
                check.Checksum = deep ? (await CollectionDigest.ComputeAsync(client, _collection, cancellationToken)).Hex : "";
                if (!check.SettingsMatch)
                {
                    issues.Add(Issue(IssueSeverity.Warning, "SETTINGS_MISMATCH", _collection,
                        $"{_collection} on {cluster} does not have the settings its placement asks for; apply them with UpdateClusterConfiguration."));
                }
            }
            catch (VectorClusterException e)
            {
                issues.Add(Issue(IssueSeverity.Error, "CLUSTER_UNREACHABLE", cluster, $"{_collection} on {cluster} could not be checked: {e.Message}"));
            }

            return check;
        }
    }
}
