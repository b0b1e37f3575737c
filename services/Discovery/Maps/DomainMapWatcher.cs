using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Storage;
using MultiCluster.Discovery.Watching;

namespace MultiCluster.Discovery.Maps;

/// <summary>
/// Streams published maps: the current one of each watched library first (unless the watcher asked only for newer
/// versions), then every newly published version. Woken in-process when a map is stored here, and reading the table
/// every poll interval for maps stored by other replicas.
/// </summary>
public sealed class DomainMapWatcher(DiscoveryStore store, MapPublicationSignal signal, DiscoveryOptions options, TimeProvider time)
{
    public async Task WatchAsync(string library, ulong afterVersion, Func<DomainMap, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var sent = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var wake = signal.NextAsync();
        // Where the table stood before the first read: anything stored after it is read by the loop below.
        var position = await store.LastPositionAsync(cancellationToken);
        foreach (var current in await store.LatestPublishedAsync(library, cancellationToken))
        {
            if (current.Map.Version > afterVersion)
            {
                await write(current.Map);
            }

            sent[current.Map.Library] = Math.Max(current.Map.Version, afterVersion);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.WhenAny(wake, Task.Delay(options.WatchPollInterval, time, cancellationToken)).Unwrap().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
            wake = signal.NextAsync();
            foreach (var stored in await store.PublishedAfterAsync(library, position, cancellationToken))
            {
                position = Math.Max(position, stored.Position);
                var map = stored.Map;
                var floor = sent.TryGetValue(map.Library, out var last) ? last : afterVersion;
                if (map.Version > floor)
                {
                    await write(map);
                    sent[map.Library] = map.Version;
                }
            }
        }
    }
}
