using System.Collections.Concurrent;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>
/// The approximate point count ListLibraries answers (the contract's "refreshed every few seconds"): the last sum of
/// the library's readable collections, counted in the background once older than <see cref="Stale"/>. A listing never
/// waits for a count: a library not counted yet answers 0, and a count that failed keeps the last one.
/// </summary>
public sealed class LibraryPointCounts(IngestLibraries libraries, CollectionCounter counter, TimeProvider time)
{
    public static readonly TimeSpan Stale = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Counted> _libraries = new(StringComparer.Ordinal);

    /// <summary>Sets each library's point count to its last count, and starts a count of those whose count is stale.</summary>
    public void Fill(IEnumerable<Library> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        foreach (var library in listed)
        {
            var counted = _libraries.GetOrAdd(library.Name, _ => new Counted());
            if (time.GetUtcNow().UtcTicks - Interlocked.Read(ref counted.At) > Stale.Ticks && Interlocked.CompareExchange(ref counted.Counting, 1, 0) == 0)
            {
                _ = CountAsync(library.Name, counted);
            }

            library.PointCount = (ulong)Interlocked.Read(ref counted.Points);
        }
    }

    private async Task CountAsync(string library, Counted counted)
    {
        try
        {
            var routes = await libraries.RoutesAsync(library, "name", CancellationToken.None);
            var counts = await Task.WhenAll(routes.Readable.GroupBy(c => c.DomainId).Select(copies => counter.CountAsync(copies, CancellationToken.None)));
            if (counts.All(c => c is not null))
            {
                Interlocked.Exchange(ref counted.Points, counts.Sum(c => c!.Value));
                Interlocked.Exchange(ref counted.At, time.GetUtcNow().UtcTicks);
            }
        }
        catch (OrchestratorException)
        {
            // Dropped meanwhile: nothing to count.
            _libraries.TryRemove(library, out _);
        }
        finally
        {
            Volatile.Write(ref counted.Counting, 0);
        }
    }

    private sealed class Counted
    {
        public long Points;
        public int Counting;
        // UTC ticks of the last count, read and written whole from any thread.
        public long At;
    }
}
