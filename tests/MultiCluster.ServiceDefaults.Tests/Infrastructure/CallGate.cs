namespace MultiCluster.ServiceDefaults.Tests.Infrastructure;

/// <summary>Lets calls through, or holds them until released, telling the test when one is held.</summary>
public sealed class CallGate
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _release;

    public Task Entered => _entered.Task;

    public void Close() => _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _release?.TrySetResult();

    public async Task PassAsync(CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        if (_release is { } release)
        {
            await release.Task.WaitAsync(cancellationToken);
        }
    }
}
