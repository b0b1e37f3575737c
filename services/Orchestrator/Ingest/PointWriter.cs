using System.Collections.Concurrent;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Caching;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>
/// Writes routed points: grouped by (cluster, collection), cut into calls of bounded size, written in parallel; then
/// the stale copies of the written ids are deleted from the library's other collections, so a point whose domain
/// changed (it was in "unassigned", or its new vector is nearer another centroid) never answers a search twice.
/// Cached answers over every domain the write touched stop being served before the write is acknowledged.
/// </summary>
public sealed partial class PointWriter(ClusterCalls calls, ResultCache cache, ILogger<PointWriter> logger)
{
    /// <summary>Cluster calls of one write in flight at once.</summary>
    public const int Parallelism = 8;

    /// <summary>Roughly how many bytes one cluster call carries (LocalCluster and Qdrant take far more; smaller calls overlap better).</summary>
    private const int CallBytes = 2 * 1024 * 1024;

    public async Task<WriteOutcome> WriteAsync(LibraryRoutes routes, IReadOnlyList<RoutedPoint> points, bool wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(points);

        // The same id twice in a batch: the last one wins, and the earlier ones are not written at all.
        var last = new Dictionary<string, RoutedPoint>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            last.Remove(point.Point.Record.Id);
            last[point.Point.Record.Id] = point;
        }

        var unique = last.Values.ToList();
        var failed = new ConcurrentDictionary<string, List<ClusterFailure>>(StringComparer.Ordinal);
        var batches = Calls(unique);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (call, token) =>
        {
            var records = call.Points.Select(p => p.Point.Record).ToList();
            var (_, failure) = await calls.TryAsync(call.Cluster, ClusterCalls.WriteBudget, (c, t) => c.UpsertAsync(call.Collection, records, wait, t), token);
            if (failure is not null)
            {
                LogWriteFailed(call.Cluster, call.Collection, records.Count, failure.Reason);
                foreach (var point in call.Points)
                {
                    var list = failed.GetOrAdd(point.Point.Record.Id, _ => []);
                    lock (list)
                    {
                        list.Add(failure);
                    }
                }
            }
        });

        var written = unique.Where(p => !failed.ContainsKey(p.Point.Record.Id)).ToList();
        var staleFrom = await DeleteStaleCopiesAsync(routes, written, wait, cancellationToken);
        // A failed call may still have written part of its points: their domains are touched too.
        await cache.DomainsWrittenAsync(routes.Library.Name, unique.Select(p => p.Route.DomainId).Concat(staleFrom));
        var failures = new List<PointFailure>();
        var assignments = new List<PointAssignment>(unique.Count);
        foreach (var point in unique)
        {
            var missed = failed.GetValueOrDefault(point.Point.Record.Id) ?? [];
            var assignment = new PointAssignment { Id = point.Point.Record.Id, DomainId = point.Route.DomainId };
            assignment.Clusters.AddRange(point.Route.Clusters.Where(c => missed.All(f => f.Cluster.Name != c)).Select(calls.Ref));
            assignments.Add(assignment);
            if (missed.Count > 0)
            {
                failures.Add(new PointFailure
                {
                    Id = point.Point.SentId,
                    Code = missed[0].Code,
                    Cluster = missed[0].Cluster,
                    Reason = $"points[{point.Point.Index}]: not written to {string.Join(", ", missed.Select(f => f.Cluster.Name))} ({missed[0].Reason}); " +
                        (assignment.Clusters.Count > 0 ? $"written to {string.Join(", ", assignment.Clusters.Select(c => c.Name))}. " : "") +
                        "Send it again once the cluster is back (upserts are idempotent).",
                });
            }
        }

        return new WriteOutcome(written.Count, failures, assignments);
    }

    /// <summary>
    /// After the write: each written id still held by another collection of the library (an older copy in another
    /// domain, or in "unassigned") is deleted there. The ids are looked up first, one call per collection copy and batch,
    /// so that only the domains that really held an old copy are reported: the result cache invalidates exactly those
    /// (a blind delete everywhere would invalidate every cached answer of the library on every write). Nothing to do
    /// while the library has one collection. A failure here leaves at worst an old copy until the next write of that id,
    /// and counts the domain as touched. Returns the domains deleted from.
    /// </summary>
    private async Task<IReadOnlyList<string>> DeleteStaleCopiesAsync(LibraryRoutes routes, List<RoutedPoint> written, bool wait, CancellationToken cancellationToken)
    {
        if (written.Count == 0 || routes.Writable.Select(c => c.Collection).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            return [];
        }

        var deletes = routes.Writable
            .Select(copy => (Copy: copy, Ids: written.Where(p => p.Route.Collection != copy.Collection).Select(p => p.Point.Record.Id).ToList()))
            .Where(d => d.Ids.Count > 0)
            .ToList();
        var touched = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(deletes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (delete, token) =>
        {
            var (_, failure) = await calls.TryAsync(delete.Copy.Cluster, ClusterCalls.WriteBudget, async (c, t) =>
            {
                try
                {
                    var held = await c.RetrieveAsync(delete.Copy.Collection, delete.Ids, withPayload: false, withVectors: false, t);
                    if (held.Count > 0)
                    {
                        touched.Add(delete.Copy.DomainId);
                        await c.DeleteAsync(delete.Copy.Collection, [.. held.Select(p => p.Id)], wait, t);
                    }
                }
                catch (CollectionNotFoundException)
                {
                    // Placed but not created yet, or cleaned up after a move: it holds no copy.
                }
            }, token);
            if (failure is not null)
            {
                touched.Add(delete.Copy.DomainId);
                LogStaleDeleteFailed(delete.Copy.Collection, delete.Copy.Cluster, delete.Ids.Count, failure.Reason);
            }
        });
        return [.. touched.Distinct(StringComparer.Ordinal)];
    }

    private static IEnumerable<(string Cluster, string Collection, List<RoutedPoint> Points)> Calls(IReadOnlyList<RoutedPoint> points)
    {
        var groups = points
            .SelectMany(p => p.Route.Clusters.Select(c => (Cluster: c, p.Route.Collection, Point: p)))
            .GroupBy(x => (x.Cluster, x.Collection));
        foreach (var group in groups)
        {
            var all = group.Select(x => x.Point).ToList();
            var perCall = Math.Clamp(CallBytes / ((all[0].Point.Record.Vector.Length * sizeof(float)) + 512), 1, 1_000);
            foreach (var chunk in all.Chunk(perCall))
            {
                yield return (group.Key.Cluster, group.Key.Collection, chunk.ToList());
            }
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Upsert of {Count} points to {Collection} on {Cluster} failed: {Reason}")]
    private partial void LogWriteFailed(string cluster, string collection, int count, string reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Deleting {Count} stale copies from {Collection} on {Cluster} failed ({Reason}); an old copy may answer until the id is written again")]
    private partial void LogStaleDeleteFailed(string collection, string cluster, int count, string reason);
}
