using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Analysis;

/// <summary>
/// One running (or recently finished) analysis in this process: its latest progress and a signal for watchers.
/// Watchers read the latest snapshot and wait for the next change, so a slow watcher skips intermediate snapshots
/// instead of holding up the analysis.
/// </summary>
public sealed class AnalysisOperation
{
    private readonly Lock _gate = new();
    private WatchAnalysisResponse _current;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AnalysisOperation(string id, string library, DateTimeOffset createdAt)
    {
        Id = id;
        Library = library;
        CreatedAt = createdAt;
        _current = new WatchAnalysisResponse
        {
            Progress = new OperationProgress
            {
                OperationId = id,
                Kind = OperationKind.Analysis,
                State = OperationState.Pending,
                Library = library,
                Message = "accepted; waiting to start",
                CreatedAt = Timestamp.FromDateTimeOffset(createdAt),
                UpdatedAt = Timestamp.FromDateTimeOffset(createdAt),
            },
        };
    }

    public string Id { get; }

    public string Library { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Cancels the run (service shutdown).</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>The run; completes after the terminal snapshot is set.</summary>
    public Task Completion { get; set; } = Task.CompletedTask;

    public bool IsTerminal
    {
        get
        {
            lock (_gate)
            {
                return _current.Progress.Terminal;
            }
        }
    }

    /// <summary>The latest snapshot (a copy) and a task that completes at the next change.</summary>
    public (WatchAnalysisResponse Snapshot, Task Changed) Read()
    {
        lock (_gate)
        {
            return (_current.Clone(), _changed.Task);
        }
    }

    /// <summary>Applies a change to a copy of the latest snapshot, stamps it, and wakes the watchers.</summary>
    public void Update(Action<WatchAnalysisResponse> change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (_current.Progress.Terminal)
            {
                return;
            }

            var next = _current.Clone();
            change(next);
            next.Progress.UpdatedAt = Timestamp.FromDateTimeOffset(now);
            if (next.Progress.Terminal)
            {
                next.Progress.FinishedAt = next.Progress.UpdatedAt;
                next.Progress.EstimatedRemaining = null;
            }

            _current = next;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
