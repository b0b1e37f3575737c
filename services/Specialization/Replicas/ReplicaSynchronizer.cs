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
        LibraryArgument.Check(library, emptyMeans: "every library");
        var outcome = new SyncOutcome(dryRun);
        var collections = await ClusterCollections.ListAsync(registry.Current, cancellationToken);
        foreach (var failure in collections.Failures)
        {
            ReplicaLog.ClusterDidNotAnswer(logger, failure.Cluster, failure.Message);
            outcome.Failed(failure, domainId: null);
        }

        var tables = await routing.CurrentAsync(library, cancellationToken);
        if (library.Length > 0 && tables.Count == 0 && !collections.AnyOf(library))
        {
            throw SpecializationException.NotFound($"library: {LibraryName.Quote(library)} has no routing table and no collection \"{library}__*\" on any cluster; " +
                "check the name, or plan and apply placements for it first (PlanPlacements, SpecializeCluster).");
        }

        foreach (var table in tables)
        {
            foreach (var entry in table.Entries.Where(e => !e.Migrating && e.Primary is { Name.Length: > 0 }))
            {
                await SyncEntryAsync(table.Library, entry, collections, outcome, dryRun, cancellationToken);
            }
        }

        var inUse = await migrations.InUseAsync(library, cancellationToken);
        foreach (var name in tables.Select(t => t.Library).Append(library).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal))
        {
            foreach (var (cluster, collection) in OrphanFinder.Find(name, tables.FirstOrDefault(t => t.Library == name), collections, inUse))
            {
                outcome.Add(SyncActionKind.OrphanFound, cluster, collection);
                ReplicaLog.Orphan(logger, collection, cluster);
                if (deleteOrphans)
                {
                    await DeleteOrphanAsync(collections.Snapshot, cluster, collection, outcome, cancellationToken);
                }
            }
        }

        return outcome.ToResponse();
    }

    private async Task SyncEntryAsync(string library, RouteEntry entry, ClusterCollections collections, SyncOutcome outcome, bool dryRun, CancellationToken cancellationToken)
    {
        var collection = OrphanFinder.CollectionOf(library, entry);
        var primaryName = entry.Primary.Name;
        var reachable = new List<(IVectorCluster Cluster, bool Holds)>();
        foreach (var name in entry.ReadClusters.Concat(entry.WriteClusters).Select(c => c.Name).Prepend(primaryName).Distinct(StringComparer.Ordinal))
        {
            if (!collections.Snapshot.TryGetCluster(name, out var cluster))
            {
                outcome.Failed(name, $"cluster {name} is in the routing of {library} but not configured here; configure it (SetClusterConfig) or move the domain away.", entry.DomainId, "NOT_FOUND");
            }
            else if (!collections.TryGet(name, out var names))
            {
                outcome.Failed(name, $"cluster {name} did not answer.", entry.DomainId);
            }
            else
            {
                reachable.Add((cluster, names.Contains(collection)));
            }
        }

        if (reachable.FirstOrDefault(c => c.Cluster.Name == primaryName) is not ({ } primary, var primaryHolds))
        {
            return;
        }

        try
        {
            if (reachable.FirstOrDefault(c => c.Holds).Cluster is not { } holder)
            {
                SyncOutcome.Refused(outcome.Add(SyncActionKind.CreateCollection, primaryName, collection), "FAILED_PRECONDITION",
                    $"no cluster of the route holds {collection}, so its vector size and distance are unknown; create it with SpecializeCluster " +
                    "(or UpdateClusterConfiguration) and sync again.", retryable: false);
                return;
            }

            var spec = (await holder.DescribeCollectionAsync(collection, cancellationToken)).Spec with { Name = collection };
            foreach (var (cluster, _) in reachable.Where(c => !c.Holds))
            {
                outcome.Add(SyncActionKind.CreateCollection, cluster.Name, collection);
                if (!dryRun)
                {
                    await cluster.CreateCollectionAsync(spec, cancellationToken);
                    ReplicaLog.Created(logger, collection, cluster.Name);
                }
            }

            var replicas = reachable.Select(c => c.Cluster).Where(c => c != primary).ToList();
            if (!primaryHolds)
            {
                // The primary lost its collection while replicas kept theirs: making the replicas equal to an empty primary
                // would delete the only copies. That needs a person's decision (copy the domain back from a replica).
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
}
