namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// Which batches of a copy are written, and the checkpoint they allow: batches finish out of order (several writers),
/// but the checkpoint only moves past a batch once every batch before it is written too, so resuming from it never
/// skips a point.
/// </summary>
public sealed class CopyProgress(MigrationRow start)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, (CopyBatch Batch, long Skipped)> _written = [];
    private long _next;
    private MigrationRow _row = start;

    /// <summary>The row with every contiguous written batch counted and the checkpoint after the last of them.</summary>
    public MigrationRow Row
    {
        get
        {
            lock (_gate)
            {
                return _row;
            }
        }
    }

    /// <summary>Counts <paramref name="batch"/> as done, <paramref name="skipped"/> of its points left out on purpose (a split's stale copies).</summary>
    public void Written(CopyBatch batch, long skipped = 0)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            _written[batch.Sequence] = (batch, skipped);
            while (_written.Remove(_next, out var entry))
            {
                var done = entry.Batch;
                _row = _row with
                {
                    BatchesDone = _row.BatchesDone + 1,
                    PointsCopied = _row.PointsCopied + done.Points.Count - entry.Skipped,
                    PointsSkipped = _row.PointsSkipped + entry.Skipped,
                    // After the last page there is no next offset; the phase change that follows makes it moot.
                    Checkpoint = done.NextOffset ?? _row.Checkpoint,
                };
                _next++;
            }
        }
    }
}
