using System.Collections.Concurrent;

namespace MultiCluster.Orchestrator.Snapshots;

/// <summary>
/// The snapshots every request reads, one per library, held in memory: a request never waits on Specialization,
/// Discovery or Redis to learn where to go. <see cref="SnapshotRefresher"/> keeps them current.
/// </summary>
public sealed class RoutingSnapshots
{
    private readonly ConcurrentDictionary<string, LibrarySnapshot> _libraries = new(StringComparer.Ordinal);

    /// <summary>Fires on every change, for whatever caches per snapshot (the result cache, calibrations).</summary>
    public SnapshotSignal Changed { get; } = new();

    public LibrarySnapshot? Get(string library) => _libraries.TryGetValue(library, out var snapshot) ? snapshot : null;

    public IReadOnlyCollection<LibrarySnapshot> All => [.. _libraries.Values];

    public void Put(LibrarySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _libraries[snapshot.Library.Name] = snapshot;
        Changed.Notify();
    }

    public void Remove(string library)
    {
        if (_libraries.TryRemove(library, out _))
        {
            Changed.Notify();
        }
    }
}
