namespace MultiCluster.ServiceDefaults.Watching;

/// <summary>
/// Wakes the watchers of this process when something they watch has been stored, so they read it at once instead of
/// at their next poll. Changes stored by other replicas reach them through the poll. A service derives one type per
/// kind of change so each is its own singleton.
/// </summary>
public abstract class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
