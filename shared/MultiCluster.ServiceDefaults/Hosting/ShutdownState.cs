namespace MultiCluster.ServiceDefaults.Hosting;

/// <summary>
/// Whether the host has begun stopping. Set once by <see cref="ShutdownDrain"/> and never cleared, so readiness (and
/// with it /readyz and gRPC health) stays NOT_SERVING from the first moment of a stop, whatever a check says later.
/// </summary>
public sealed class ShutdownState
{
    private volatile bool _stopping;

    public bool IsStopping => _stopping;

    internal void BeginStopping() => _stopping = true;
}
