using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Routing;

/// <summary>
/// Streams routing versions: the current table of each watched library first (unless the watcher asked only for
/// versions after one it has), then every new version of each, in order, tracking the last version sent per library.
/// Woken in-process when a version is stored here, and reading the table every poll interval for versions stored by
/// other replicas.
/// </summary>
public sealed class RoutingWatcher(RoutingTableStore store, RoutingSignal signal, SpecializationOptions options, TimeProvider time)
{
    public async Task WatchAsync(string library, ulong afterVersion, Func<RoutingTable, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var sent = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var wake = signal.NextAsync();
        if (afterVersion == 0)
        {
            foreach (var current in await store.CurrentAsync(library, cancellationToken))
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
