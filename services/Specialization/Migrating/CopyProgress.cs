using MultiCluster.Specialization.Verification;

namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// Which batches of a copy are written and checked, and the checkpoint they allow: batches finish out of order (several
/// writers), but the checkpoint only moves past a batch once every batch before it is done too, so resuming from it
/// never skips a point. The digest of what the checks read back moves with the checkpoint, so the stored pair always
/// describes the same batches: a batch written but not yet under the checkpoint when the host dies is copied and
/// checked again on resume and counted once.
/// </summary>
public sealed class CopyProgress(MigrationRow start)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, (CopyBatch Batch, PointDigest? Held, long Skipped)> _written = [];
    private readonly PointDigest _digest = start.CopyDigest is { } hex ? PointDigest.FromHex(hex, start.PointsCopied) : new PointDigest();
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
    /// <param name="batch">The batch written.</param>
    /// <param name="held">Digest of what the target held of its ids when checked after writing; null when the page was not checked against one target (a split).</param>
    /// <param name="skipped">Points of the page left out on purpose.</param>
    public void Written(CopyBatch batch, PointDigest? held, long skipped = 0)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            _written[batch.Sequence] = (batch, held, skipped);
            while (_written.Remove(_next, out var done))
            {
                if (done.Held is not null)
                {
                    _digest.Add(done.Held);
                }

                _row = _row with
                {
                    BatchesDone = _row.BatchesDone + 1,
                    PointsCopied = _row.PointsCopied + done.Batch.Points.Count - done.Skipped,
                    PointsSkipped = _row.PointsSkipped + done.Skipped,
                    // After the last page there is no next offset; the phase change that follows makes it moot.
                    Checkpoint = done.Batch.NextOffset ?? _row.Checkpoint,
                    CopyDigest = done.Held is null ? _row.CopyDigest : _digest.Hex,
                };
                _next++;
            }
        }
    }
}
