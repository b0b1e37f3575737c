using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Routing;

/// <summary>
/// Streams routing versions: the current table of each watched library first (unless the watcher asked only for
/// versions after one it has), then every new version of each, in order, tracking the last version sent per library;
/// a named library without a table is NOT_FOUND. Woken in-process when a version is stored here, and reading the
/// table every poll interval for versions stored by other replicas.
/// </summary>
public sealed class RoutingWatcher(RoutingTableStore store, RoutingSignal signal, SpecializationOptions options, TimeProvider time)
{
    public async Task WatchAsync(string library, ulong afterVersion, Func<RoutingTable, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var sent = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var wake = signal.NextAsync();
        IReadOnlyList<RoutingTable> currentTables = afterVersion == 0 || library.Length > 0 ? await store.CurrentAsync(library, cancellationToken) : [];
        if (library.Length > 0 && currentTables.Count == 0)
        {
            // The contract streams the current table first; a named library without one is most often a wrong name,
            // and a watch that waited in silence would hide that. Watching every library shows a new one appear.
            throw SpecializationException.NotFound($"library: {LibraryName.Quote(library)} has no routing table; check the name, or plan and apply its " +
                "placements first (PlanPlacements, SpecializeCluster), or watch every library (empty library) to see its first version when it is made.");
        }

        if (afterVersion == 0)
        {
            foreach (var current in currentTables)
            {
                await write(current);
                sent[current.Library] = current.Version;
            }
        }

        while (true)
        {
            IReadOnlyList<RoutingTable> newer;
            do
            {
                newer = await store.NewerAsync(library, afterVersion, sent, cancellationToken);
                foreach (var table in newer)
                {
                    await write(table);
                    sent[table.Library] = table.Version;
                }
            }
            while (newer.Count == RoutingTableStore.NewerLimit);

            await Task.WhenAny(wake, Task.Delay(options.WatchPollInterval, time, cancellationToken)).Unwrap().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
            wake = signal.NextAsync();
        }
    }
}
