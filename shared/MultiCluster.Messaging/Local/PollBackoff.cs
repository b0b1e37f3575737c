namespace MultiCluster.Messaging.Local;

/// <summary>Doubling waits between empty polls, from a minimum to a maximum; back to the minimum when work arrives.</summary>
internal sealed class PollBackoff(TimeSpan minimum, TimeSpan maximum)
{
    private TimeSpan? _next;

    public void Reset() => _next = null;

    public TimeSpan Next()
    {
        var wait = _next ?? minimum;
        _next = TimeSpan.FromTicks(Math.Min(maximum.Ticks, wait.Ticks * 2));
        return wait;
    }
}
