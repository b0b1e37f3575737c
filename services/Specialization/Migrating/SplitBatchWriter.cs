using System.Globalization;
using MultiCluster.Clusters;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Replicas;
using MultiCluster.Specialization.Routing;
using PointDigest = MultiCluster.Specialization.Verification.PointDigest;

namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// One page of "unassigned" in a split: each point goes to its nearest domain (<see cref="NearestDomain"/>) and is
/// upserted into that domain's collection on every cluster its routing entry writes to now (both places while the
/// domain moves), then read back by id and compared point by point (<see cref="PointDigest"/>), the differing ones
/// written again, a bounded number of rounds. A point whose id some domain of the library holds already with another
/// value was written there since routing knew its domain: the copy in "unassigned" is stale and is skipped. One held
/// with the same value in its own domain is a copy made before a crash, and is written again (a replica may lack it).
/// </summary>
public sealed class SplitBatchWriter(IClusterRegistry registry, RoutingTableStore routing, BatchCopier copier)
{
    public const int MaxRepairRounds = 5;

    /// <summary>Splits one page; returns how many of its points were skipped as stale.</summary>
    public async Task<long> WriteAsync(MigrationRow row, NearestDomain nearest, CopyBatch batch, CopyProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(nearest);
        ArgumentNullException.ThrowIfNull(batch);
        var table = await routing.GetAsync(row.Library, 0, cancellationToken) ?? new RoutingTable { Library = row.Library };
        var domainOf = batch.Points.ToDictionary(p => p.Id, p => nearest.Of(p.Vector)?.DomainId ?? "", StringComparer.Ordinal);
        var held = await HeldAsync(row.Library, table, batch.Points, withValues: true, cancellationToken);
        var stale = batch.Points.Count(p => held.TryGetValue(p.Id, out var h) && (h.DomainId != domainOf[p.Id] || h.Hash != PointDigest.Of(p)));
        var groups = batch.Points
            .Where(p => !held.TryGetValue(p.Id, out var h) || (h.DomainId == domainOf[p.Id] && h.Hash == PointDigest.Of(p)))
            .GroupBy(p => domainOf[p.Id], StringComparer.Ordinal);
        var writes = new List<Task>();
        foreach (var group in groups)
        {
            var entry = group.Key.Length == 0 ? null : RouteEntries.Find(table, group.Key);
            if (entry is null || entry.WriteClusters.Count == 0)
            {
                throw new SplitFailedException(new OperationError
                {
                    Code = "FAILED_PRECONDITION",
                    Message = $"{group.Count()} points of unassigned belong to domain {LibraryName.Quote(group.Key)} of map v{row.MapVersion}, which routing does not place; " +
                        "nothing of theirs was deleted from unassigned. Specialize the library (SpecializeCluster) and resume the split.",
                });
            }

            var collection = OrphanFinder.CollectionOf(row.Library, entry);
            var points = group.ToList();
            writes.AddRange(entry.WriteClusters.Select(c => c.Name).Distinct(StringComparer.Ordinal)
                .Select(name => WriteVerifiedAsync(row, registry.GetCluster(name), collection, points, batch.Sequence, progress, cancellationToken)));
        }

        await Task.WhenAll(writes);
        return stale;
    }

    /// <summary>
    /// The points of <paramref name="points"/> some domain of the library holds already (ids first), with the domain and,
    /// when <paramref name="withValues"/>, the hash of the value held there (read only for the ids found). Each domain is
    /// asked on its primary, which every write to the domain reaches.
    /// </summary>
    public async Task<Dictionary<string, (string DomainId, UInt128 Hash)>> HeldAsync(
        string library, RoutingTable table, IReadOnlyList<PointRecord> points, bool withValues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(points);
        var ids = points.Select(p => p.Id).ToList();
        var found = await Task.WhenAll(table.Entries.Where(e => e.DomainId != LibraryName.Unassigned).Select(async entry =>
        {
            var cluster = registry.GetCluster((entry.Primary ?? entry.ReadClusters.FirstOrDefault())?.Name ?? registry.Current.DefaultClusterName);
            var collection = OrphanFinder.CollectionOf(library, entry);
            IReadOnlyList<PointRecord> present;
            try
            {
                present = await cluster.RetrieveAsync(collection, ids, withPayload: false, withVectors: false, cancellationToken);
                if (withValues && present.Count > 0)
                {
                    present = await cluster.RetrieveAsync(collection, present.Select(p => p.Id).ToList(), withPayload: true, withVectors: true, cancellationToken);
                }
            }
            catch (CollectionNotFoundException)
            {
                present = [];
            }

            return present.Select(p => (p.Id, entry.DomainId, Hash: withValues ? PointDigest.Of(p) : UInt128.Zero));
        }));
        var held = new Dictionary<string, (string, UInt128)>(StringComparer.Ordinal);
        foreach (var (id, domainId, hash) in found.SelectMany(f => f))
        {
            held.TryAdd(id, (domainId, hash));
        }

        return held;
    }

    /// <summary>Upserts the points to one copy of their domain and reads them back until they all match.</summary>
    private async Task WriteVerifiedAsync(MigrationRow row, IVectorCluster cluster, string collection, IReadOnlyList<PointRecord> points, long sequence, CopyProgress progress, CancellationToken cancellationToken)
    {
        var expected = points.ToDictionary(p => p.Id, PointDigest.Of, StringComparer.Ordinal);
        var pending = points;
        for (var round = 0; ; round++)
        {
            await copier.UpsertAsync(progress, cluster, collection, pending, sequence, cancellationToken);
            var readBack = await cluster.RetrieveAsync(collection, points.Select(p => p.Id).ToList(), withPayload: true, withVectors: true, cancellationToken);
            var matched = readBack.Where(p => expected.TryGetValue(p.Id, out var hash) && hash == PointDigest.Of(p)).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            pending = points.Where(p => !matched.Contains(p.Id)).ToList();
            if (pending.Count == 0)
            {
                return;
            }

            if (round == MaxRepairRounds)
            {
                throw new SplitFailedException(new OperationError
                {
                    Code = "DATA_LOSS",
                    Message = string.Create(CultureInfo.InvariantCulture,
                        $"{pending.Count} points of a batch of unassigned (from checkpoint {row.Checkpoint ?? "start"}) still differed on {cluster.Name} in {collection} after {MaxRepairRounds} rewrites " +
                        $"(first id {pending[0].Id}); routing is untouched and nothing was deleted from unassigned. Resume the split (MigrateToSpecialization with resume_operation_id) when writes to the library are quieter."),
                    Retryable = true,
                    Cluster = new ClusterRef { Name = cluster.Name },
                });
            }
        }
    }
}
