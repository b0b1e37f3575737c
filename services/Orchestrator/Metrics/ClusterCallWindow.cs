namespace MultiCluster.Orchestrator.Metrics;

/// <summary>
/// One cluster's calls, oldest first, and its requests in flight. A list with a moving head rather than a queue, so the
/// newest calls are read from the end without walking the hour. Every member takes the window's lock (microseconds).
/// </summary>
internal sealed class ClusterCallWindow
{
    private readonly List<(DateTimeOffset At, ClusterCallObservation Call)> _calls = [];
    private int _head;
    private int _inFlight;

    public int InFlight => Math.Max(0, Volatile.Read(ref _inFlight));

    public void Started() => Interlocked.Increment(ref _inFlight);

    /// <summary>Ends a started call and keeps it, dropping what is older than <paramref name="oldest"/> or beyond <paramref name="capacity"/>.</summary>
    public void Completed(DateTimeOffset at, ClusterCallObservation call, DateTimeOffset oldest, int capacity)
    {
        if (Interlocked.Decrement(ref _inFlight) < 0)
        {
            Interlocked.Exchange(ref _inFlight, 0);
        }

        lock (_calls)
        {
            _calls.Add((at, call));
            while (_head < _calls.Count && (_calls.Count - _head > capacity || _calls[_head].At < oldest))
            {
                _head++;
            }

            // Compacted once the dropped part is the larger one, so each call is moved a bounded number of times.
            if (_head > 1_024 && _head * 2 > _calls.Count)
            {
                _calls.RemoveRange(0, _head);
                _head = 0;
            }
        }
    }

    /// <summary>Calls completed at or after <paramref name="from"/>, the newest <paramref name="most"/> of them, oldest first.</summary>
    public List<ClusterCallObservation> Since(DateTimeOffset from, int most = int.MaxValue)
    {
        var found = new List<ClusterCallObservation>();
        lock (_calls)
        {
            for (var i = _calls.Count - 1; i >= _head && found.Count < most && _calls[i].At >= from; i--)
            {
                found.Add(_calls[i].Call);
            }
        }

        found.Reverse();
        return found;
    }
}
