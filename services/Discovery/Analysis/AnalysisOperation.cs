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
    private readonly List<WatchAnalysisResponse> _phaseStarts = [];
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

    /// <summary>
    /// The latest snapshot (a copy), a task that completes at the next change, and the first snapshot of every phase
    /// entered so far, oldest first, all from the same moment: a watcher that arrives late or wakes rarely (an
    /// analysis of a small library ends within milliseconds) still sees every phase the run went through.
    /// </summary>
    public (WatchAnalysisResponse Snapshot, Task Changed, IReadOnlyList<WatchAnalysisResponse> PhaseStarts) Read()
    {
        lock (_gate)
        {
            return (_current.Clone(), _changed.Task, _phaseStarts.Select(s => s.Clone()).ToList());
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

            if (!next.Progress.Terminal && next.Progress.Phase.Length > 0 && next.Progress.Phase != _current.Progress.Phase)
            {
                _phaseStarts.Add(next);
            }

            _current = next;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
