using MultiCluster.TestInfrastructure;

namespace MultiCluster.Messaging.Dapr.Tests.FakeSidecar;

/// <summary>What the fake saw, in order, safe to add to from any thread; waits are bounded.</summary>
public sealed class Recording<T>
{
    private readonly List<T> _items = [];

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_items)
        {
            return _items.ToList();
        }
    }

    /// <summary>Waits until <paramref name="done"/> holds for what was recorded; fails naming <paramref name="what"/> after the bound.</summary>
    public Task<IReadOnlyList<T>> WaitForAsync(Func<IReadOnlyList<T>, bool> done, string what) =>
        Eventually.ValueAsync(Snapshot, done, what, items => "recorded: " + string.Join("; ", items));
}
