namespace MultiCluster.Discovery.Watching;

/// <summary>
/// Wakes the watchers of this process when a map has been stored, so they read it at once instead of at their next
/// poll. Maps stored by other replicas reach them through the poll.
/// </summary>
public sealed class MapPublicationSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
