namespace MultiCluster.Messaging.Dapr.Subscriptions;

/// <summary>
/// Failed handler runs per event, for the poison-event policy. Bounded: past <c>capacity</c> events the least recently
/// failed is forgotten (an event that failed once and never came back must not stay forever).
/// </summary>
internal sealed class FailureCounter(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, int Failures)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, int Failures)> _recency = new();

    /// <summary>Counts one more failure of the event and returns its failures so far.</summary>
    public int Add(string key)
    {
        lock (_gate)
        {
            var failures = 1;
            if (_entries.Remove(key, out var node))
            {
                failures = node.Value.Failures + 1;
                _recency.Remove(node);
            }

            _entries[key] = _recency.AddFirst((key, failures));
            if (_entries.Count > capacity && _recency.Last is { } last)
            {
                _recency.RemoveLast();
                _entries.Remove(last.Value.Key);
            }

            return failures;
        }
    }

    public void Forget(string key)
    {
        lock (_gate)
        {
            if (_entries.Remove(key, out var node))
            {
                _recency.Remove(node);
            }
        }
    }
}
