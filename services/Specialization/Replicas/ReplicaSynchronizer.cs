using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Routing;
using MultiCluster.Specialization.Verification;

namespace MultiCluster.Specialization.Replicas;

/// <summary>
/// Replica anti-entropy (SyncAcrossClusters): for every routed domain that is not moving, its collection is made to
/// exist on every cluster of its route (created with the primary's settings) and every replica is made equal to the
/// primary (<see cref="RangeReconciler"/>); collections "{library}__*" that no route and no migration uses are reported
/// as orphans, and deleted only when asked. A cluster that does not answer is reported and the rest still runs.
/// </summary>
public sealed class ReplicaSynchronizer(
    RoutingTableStore routing,
    MigrationCollections migrations,
    IClusterRegistry registry,
    RangeReconciler reconciler,
    ILogger<ReplicaSynchronizer> logger)
{
    /// <summary>Syncs <paramref name="library"/> (every routed library when empty); a dry run reports without changing anything.</summary>
    public async Task<SyncAcrossClustersResponse> SyncAsync(string library, bool dryRun, bool deleteOrphans, CancellationToken cancellationToken)
    {
        if (library.Length > 0 && !LibraryName.IsValid(library))
        {
            throw SpecializationException.Invalid($"library: {LibraryName.Quote(library)} is not a library name (lowercase letters, digits, '-' and '_', " +
                "at most 63, starting with a letter or digit, no \"__\"); name an existing library, or leave it empty to sync every library.");
        }

        var snapshot = registry.Current;
        var outcome = new SyncOutcome(dryRun);
        var listed = await ListAsync(snapshot, outcome, cancellationToken);
        var tables = await routing.CurrentAsync(library, cancellationToken);
        if (library.Length > 0 && tables.Count == 0 && !listed.Values.Any(names => names?.Any(n => InLibrary(n, library)) == true))
        {
            throw SpecializationException.NotFound($"library: {LibraryName.Quote(library)} has no routing table and no collection \"{library}__*\" on any cluster; " +
                "check the name, or plan and apply placements for it first (PlanPlacements, SpecializeCluster).");
        }

        foreach (var table in tables)
        {
            foreach (var entry in table.Entries.Where(e => !e.Migrating && e.Primary is { Name.Length: > 0 }))
            {
                await SyncEntryAsync(snapshot, table.Library, entry, listed, outcome, dryRun, cancellationToken);
            }
        }

        var libraries = tables.Select(t => t.Library).Append(library).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var inUse = await migrations.InUseAsync(library, cancellationToken);
        foreach (var name in libraries)
        {
            await OrphansAsync(snapshot, name, tables.FirstOrDefault(t => t.Library == name), listed, inUse, outcome, deleteOrphans, cancellationToken);
        }

        return outcome.ToResponse();
    }

    // Every cluster's collections, read once per run; null for a cluster that did not answer.
    private async Task<Dictionary<string, HashSet<string>?>> ListAsync(ClusterSnapshot snapshot, SyncOutcome outcome, CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal);
        foreach (var cluster in snapshot.Clusters)
        {
            try
            {
                listed[cluster.Name] = (await cluster.ListCollectionsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            }
            catch (VectorClusterException e)
            {
                ReplicaLog.ClusterDidNotAnswer(logger, cluster.Name, e.Message);
                outcome.Failed(e, domainId: null);
                listed[cluster.Name] = null;
            }
        }

        return listed;
    }

    private async Task SyncEntryAsync(ClusterSnapshot snapshot, string library, RouteEntry entry, Dictionary<string, HashSet<string>?> listed,
        SyncOutcome outcome, bool dryRun, CancellationToken cancellationToken)
    {
        var collection = entry.CollectionName.Length > 0 ? entry.CollectionName : LibraryName.Collection(library, entry.DomainId);
        var primaryName = entry.Primary.Name;
        var members = entry.ReadClusters.Concat(entry.WriteClusters).Select(c => c.Name).Prepend(primaryName).Distinct(StringComparer.Ordinal).ToList();
        var reachable = new List<IVectorCluster>();
        foreach (var name in members)
        {
            if (!snapshot.TryGetCluster(name, out var cluster))
            {
                outcome.Failed(name, $"cluster {name} is in the routing of {library} but not configured here; configure it (SetClusterConfig) or move the domain away.", entry.DomainId, "NOT_FOUND");
            }
            else if (listed.GetValueOrDefault(name) is null)
            {
                outcome.Failed(name, $"cluster {name} did not answer.", entry.DomainId);
            }
            else
            {
                reachable.Add(cluster);
            }
        }

        if (reachable.FirstOrDefault(c => c.Name == primaryName) is not { } primary)
        {
            return;
        }

        try
        {
            var holders = reachable.Where(c => listed[c.Name]!.Contains(collection)).ToList();
            if (holders.Count == 0)
            {
                var action = outcome.Add(SyncActionKind.CreateCollection, primaryName, collection);
                SyncOutcome.Refused(action, "FAILED_PRECONDITION", $"no cluster of the route holds {collection}, so its vector size and distance are unknown; " +
                    "create it with SpecializeCluster (or UpdateClusterConfiguration) and sync again.", retryable: false);
                return;
            }

            var spec = (await holders[0].DescribeCollectionAsync(collection, cancellationToken)).Spec with { Name = collection };
            foreach (var cluster in reachable.Where(c => !holders.Contains(c)))
            {
                outcome.Add(SyncActionKind.CreateCollection, cluster.Name, collection);
                if (!dryRun)
                {
                    await cluster.CreateCollectionAsync(spec, cancellationToken);
                    ReplicaLog.Created(logger, collection, cluster.Name);
                }
            }

            var replicas = reachable.Where(c => c != primary).ToList();
            if (!holders.Contains(primary))
            {
                // The primary lost its collection while replicas kept theirs: making the replicas equal to an empty primary
                // would delete the only copies. That needs a person's decision (move the domain back from a replica).
                foreach (var replica in replicas)
                {
                    SyncOutcome.Refused(outcome.Add(SyncActionKind.RepairPoints, replica.Name, collection), "FAILED_PRECONDITION",
                        $"the primary {primaryName} had no {collection} (created empty), so this copy was left as it is; copy it back to the primary " +
                        $"with MigrateToSpecialization (source {replica.Name}, keep_source) and sync again.", retryable: false);
                }

                return;
            }

            foreach (var replica in replicas)
            {
                await RepairAsync(primary, replica, collection, entry.DomainId, outcome, dryRun, cancellationToken);
            }
        }
        catch (VectorClusterException e)
        {
            ReplicaLog.ClusterDidNotAnswer(logger, e.Cluster, e.Message);
            outcome.Failed(e, entry.DomainId);
        }
    }

    private async Task RepairAsync(IVectorCluster primary, IVectorCluster replica, string collection, string domainId, SyncOutcome outcome, bool dryRun,
        CancellationToken cancellationToken)
    {
        try
        {
            var report = await reconciler.ReconcileAsync(primary, replica, collection, dryRun, cancellationToken);
            if (!report.InSync)
            {
                outcome.Repaired(replica.Name, collection, report);
                ReplicaLog.Repaired(logger, collection, replica.Name, primary.Name, report.Missing, report.Stale, report.Extra, dryRun);
            }
        }
        catch (VectorClusterException e) when (e.Cluster == replica.Name)
        {
            // One replica down leaves the others to repair; a primary down ends the domain (the caller catches it).
            ReplicaLog.ClusterDidNotAnswer(logger, e.Cluster, e.Message);
            outcome.Failed(e, domainId);
        }
    }

    private async Task OrphansAsync(ClusterSnapshot snapshot, string library, RoutingTable? table, Dictionary<string, HashSet<string>?> listed,
        CollectionsInUse inUse, SyncOutcome outcome, bool deleteOrphans, CancellationToken cancellationToken)
    {
        var routed = new HashSet<(string, string)>();
        foreach (var entry in table?.Entries ?? [])
        {
            var collection = entry.CollectionName.Length > 0 ? entry.CollectionName : LibraryName.Collection(library, entry.DomainId);
            foreach (var cluster in entry.ReadClusters.Concat(entry.WriteClusters).Append(entry.Primary).OfType<ClusterRef>())
            {
                routed.Add((cluster.Name, collection));
            }
        }

        // Before any discovery the Orchestrator writes new points to "{library}__unassigned" on the default cluster,
        // whether or not a routing table names it yet: that copy is never an orphan.
        routed.Add((snapshot.DefaultClusterName, LibraryName.Collection(library, LibraryName.Unassigned)));
        foreach (var (cluster, names) in listed.Where(l => l.Value is not null).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            foreach (var collection in names!.Where(n => InLibrary(n, library)).Order(StringComparer.Ordinal))
            {
                if (routed.Contains((cluster, collection)) || inUse.Uses(library, cluster, collection))
                {
                    continue;
                }

                outcome.Add(SyncActionKind.OrphanFound, cluster, collection);
                ReplicaLog.Orphan(logger, collection, cluster);
                if (deleteOrphans)
                {
                    await DeleteOrphanAsync(snapshot, cluster, collection, outcome, cancellationToken);
                }
            }
        }
    }

    private async Task DeleteOrphanAsync(ClusterSnapshot snapshot, string cluster, string collection, SyncOutcome outcome, CancellationToken cancellationToken)
    {
        var action = outcome.Add(SyncActionKind.DeleteOrphan, cluster, collection);
        if (!action.Applied || !snapshot.TryGetCluster(cluster, out var client))
        {
            return;
        }

        try
        {
            await client.DropCollectionAsync(collection, cancellationToken);
            ReplicaLog.OrphanDeleted(logger, collection, cluster);
        }
        catch (VectorClusterException e)
        {
            SyncOutcome.Refused(action, "UNAVAILABLE", $"{collection} on {cluster} could not be deleted: {e.Message}", retryable: true);
            outcome.Failed(e, domainId: null);
        }
    }

    private static bool InLibrary(string collection, string library) =>
        LibraryName.TrySplit(collection, out var owner, out _) && owner == library;
}
