using System.Collections.Concurrent;
using MultiCluster.Clusters;
using MultiCluster.Orchestrator.Snapshots;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// Whether a library's "unassigned" collection holds points, as last counted. Requests read the last count and never
/// wait for one: a count older than <see cref="Stale"/> is refreshed in the background. Unknown counts as holding
/// points, so nothing written there is missed while the first count runs.
/// </summary>
public sealed class UnassignedPresence(IClusterRegistry registry, TimeProvider time)
{
    public static readonly TimeSpan Stale = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, Counted> _libraries = new(StringComparer.Ordinal);

    public bool HoldsPoints(LibrarySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var library = snapshot.Library.Name;
        var now = time.GetUtcNow();
        var counted = _libraries.GetOrAdd(library, _ => new Counted());
        if (now - counted.At > Stale && Interlocked.CompareExchange(ref counted.Counting, 1, 0) == 0)
        {
            _ = CountAsync(snapshot, counted);
        }

        return counted.HoldsPoints;
    }

    /// <summary>Counts now, waiting for the answer (the background calibrator; requests use <see cref="HoldsPoints"/>).</summary>
    public async Task<bool> CountNowAsync(LibrarySnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var entry = snapshot.Table?.Entries.FirstOrDefault(e => e.DomainId == LibraryName.Unassigned);
        var clusters = entry is null ? [registry.DefaultCluster.Name] : entry.ReadClusters.Select(c => c.Name).ToList();
        var collection = LibraryName.Collection(snapshot.Library.Name, LibraryName.Unassigned);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(5));
        var any = false;
        foreach (var name in clusters)
        {
            if (registry.TryGetCluster(name, out var cluster))
            {
                try
                {
                    any |= await cluster.CountAsync(collection, null, budget.Token) > 0;
                }
                catch (CollectionNotFoundException)
                {
                    // Dropped after its split: nothing to search there.
                }
            }
        }

        return any;
    }

    private async Task CountAsync(LibrarySnapshot snapshot, Counted counted)
    {
        try
        {
            counted.HoldsPoints = await CountNowAsync(snapshot, CancellationToken.None);
            counted.At = time.GetUtcNow();
        }
        catch (Exception e) when (e is VectorClusterException or OperationCanceledException)
        {
            // Keep the last answer; the next request tries again.
        }
        finally
        {
            Volatile.Write(ref counted.Counting, 0);
        }
    }

    private sealed class Counted
    {
        public volatile bool HoldsPoints = true;
        public DateTimeOffset At = DateTimeOffset.MinValue;
        public int Counting;
    }
}
