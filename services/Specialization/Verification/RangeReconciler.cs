using MultiCluster.Clusters;

namespace MultiCluster.Specialization.Verification;

/// <summary>
/// The one comparison of two copies of a collection: makes a target hold exactly the points of a source (replica
/// anti-entropy; a migration's final check when its copy's digest no longer stands), and checks a migration's batches
/// as they are written (<see cref="CheckBatchAsync"/>). A whole walk goes once over both in id order: the source in
/// pages of <c>rangeSize</c> points, each page's id interval (up to where the next page starts) forming one range, and
/// the target over the same interval, the next page of each side read while the current range is compared. A range
/// whose count and <see cref="PointDigest"/> agree costs nothing more; only ranges that differ get point-level work:
/// the source's points the target lacks (missing) or holds differently (stale) are written, the target's points the
/// source does not hold (extra) deleted.
/// </summary>
public sealed class RangeReconciler(int rangeSize = RangeReconciler.DefaultRangeSize)
{
    public const int DefaultRangeSize = 512;

    /// <summary>Repairs of one written batch before it is left to the final check.</summary>
    public const int BatchRepairRounds = 3;

    private readonly int _rangeSize = rangeSize >= 1 ? rangeSize : throw new ArgumentOutOfRangeException(nameof(rangeSize), rangeSize, "at least one point per range");

    /// <summary>
    /// Compares <paramref name="collection"/> on both clusters and, unless <paramref name="dryRun"/>, repairs the
    /// target. In a dry run a target without the collection counts as empty; otherwise it must exist
    /// (<see cref="CollectionNotFoundException"/>).
    /// </summary>
    public async Task<ReconcileReport> ReconcileAsync(IVectorCluster source, IVectorCluster target, string collection, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var walk = new Walk(source, target, collection, dryRun);
        var replica = new ScrollCursor(target, collection, _rangeSize, missingIsEmpty: dryRun);
        string? offset;
        var reading = source.ScrollAsync(collection, Page(null), cancellationToken);
        do
        {
            var page = await reading;
            offset = page.NextOffset;
            if (offset is not null)
            {
                reading = source.ScrollAsync(collection, Page(offset), cancellationToken);
            }

            var upper = offset;
            var last = page.Points.Count > 0 ? page.Points[^1].Id : null;
            // The interval ends where the next page starts; the last page's ends at its last point, and what the target
            // holds beyond it is drained below, a page at a time, so extras never have to fit in memory at once.
            Func<string, bool> within = upper is not null
                ? id => PointOrder.Instance.Compare(id, upper) < 0
                : id => last is not null && PointOrder.Instance.Compare(id, last) <= 0;
            var theirs = await replica.TakeWhileAsync(within, int.MaxValue, cancellationToken);
            await walk.CompareAsync(page.Points, theirs, cancellationToken);
        }
        while (offset is not null);

        while (await replica.TakeWhileAsync(_ => true, _rangeSize, cancellationToken) is { Count: > 0 } beyond)
        {
            await walk.CompareAsync([], beyond, cancellationToken);
        }

        return walk.Report();
    }

    /// <summary>
    /// Checks one batch a copy just wrote: the target's points of the batch's ids are read back and compared with
    /// <paramref name="written"/>; when they differ (a write lost or corrupted, or a client's write to both clusters
    /// that the copy's older page overwrote) the differing ids are written again fresh from the source, or deleted when
    /// the source no longer holds them, and the batch is read back again, up to <see cref="BatchRepairRounds"/> times.
    /// Returns the digest of what the target holds of those ids as last read back, and the points repaired.
    /// </summary>
    public static async Task<BatchCheck> CheckBatchAsync(IVectorCluster source, IVectorCluster target, string collection, IReadOnlyList<PointRecord> written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(written);
        var ids = written.Select(p => p.Id).ToList();
        var expected = written;
        long repaired = 0;
        for (var round = 0; ; round++)
        {
            var held = await target.RetrieveAsync(collection, ids, withPayload: true, withVectors: true, cancellationToken);
            var walk = new Walk(source, target, collection, dryRun: round == BatchRepairRounds);
            await walk.CompareAsync(expected, held, cancellationToken);
            var report = walk.Report();
            if (report.InSync || round == BatchRepairRounds)
            {
                var digest = new PointDigest();
                digest.AddRange(held);
                return new BatchCheck(digest, repaired, report.InSync);
            }

            repaired += report.Repaired;
            expected = await source.RetrieveAsync(collection, ids, withPayload: true, withVectors: true, cancellationToken);
        }
    }

    private ScrollRequest Page(string? offset) => new(_rangeSize, offset, WithPayload: true, WithVectors: true);

    /// <summary>The running comparison: digests of both sides, and what was found and repaired range by range.</summary>
    private sealed class Walk(IVectorCluster source, IVectorCluster target, string collection, bool dryRun)
    {
        private readonly PointDigest _sourceDigest = new();
        private readonly PointDigest _targetDigest = new();
        private int _ranges;
        private int _differing;
        private long _missing;
        private long _stale;
        private long _extra;

        public async Task CompareAsync(IReadOnlyList<PointRecord> ours, IReadOnlyList<PointRecord> theirs, CancellationToken cancellationToken)
        {
            var mine = new PointDigest();
            mine.AddRange(ours);
            var other = new PointDigest();
            other.AddRange(theirs);
            _sourceDigest.Add(mine);
            _targetDigest.Add(other);
            _ranges++;
            if (mine.Count == other.Count && mine.Hex == other.Hex)
            {
                return;
            }

            _differing++;
            var held = theirs.ToDictionary(p => Canonical(p.Id), PointDigest.Of, StringComparer.Ordinal);
            var wanted = ours.ToDictionary(p => Canonical(p.Id), StringComparer.Ordinal);
            var differing = new List<string>();
            foreach (var (id, point) in wanted)
            {
                if (!held.TryGetValue(id, out var hash))
                {
                    _missing++;
                    differing.Add(id);
                }
                else if (hash != PointDigest.Of(point))
                {
                    _stale++;
                    differing.Add(id);
                }
            }

            var extra = held.Keys.Where(id => !wanted.ContainsKey(id)).ToList();
            _extra += extra.Count;
            differing.AddRange(extra);
            if (!dryRun && differing.Count > 0)
            {
                await RepairAsync(differing, cancellationToken);
            }
        }

        // The source is read again for just the differing ids right before writing, so that a point written to both
        // clusters while the range was being compared (the Orchestrator writes every copy) is not overwritten with the
        // older value read at the start of the range; what the source no longer holds is deleted from the target.
        private async Task RepairAsync(List<string> ids, CancellationToken cancellationToken)
        {
            var fresh = await source.RetrieveAsync(collection, ids, withPayload: true, withVectors: true, cancellationToken);
            if (fresh.Count > 0)
            {
                await target.UpsertAsync(collection, fresh, wait: true, cancellationToken);
            }

            var present = fresh.Select(p => Canonical(p.Id)).ToHashSet(StringComparer.Ordinal);
            var gone = ids.Where(id => !present.Contains(id)).ToList();
            if (gone.Count > 0)
            {
                await target.DeleteAsync(collection, gone, wait: true, cancellationToken);
            }
        }

        public ReconcileReport Report() => new(_sourceDigest.Count, _targetDigest.Count, _sourceDigest.Hex, _targetDigest.Hex,
            _ranges, _differing, _missing, _stale, _extra, dryRun);

        private static string Canonical(string id) => PointId.TryCanonicalize(id, out var canonical) ? canonical : id;
    }

    /// <summary>The target walked forward in id order, a page at a time, handing out the points of one range after another.</summary>
    private sealed class ScrollCursor(IVectorCluster cluster, string collection, int pageSize, bool missingIsEmpty)
    {
        private IReadOnlyList<PointRecord> _page = [];
        private int _index;
        private string? _next;
        private bool _started;
        private Task<ScrollPage>? _prefetched;

        public async Task<List<PointRecord>> TakeWhileAsync(Func<string, bool> within, int max, CancellationToken cancellationToken)
        {
            var taken = new List<PointRecord>();
            while (taken.Count < max)
            {
                if (_index == _page.Count && !await FetchAsync(cancellationToken))
                {
                    break;
                }

                var point = _page[_index];
                if (!within(point.Id))
                {
                    break;
                }

                taken.Add(point);
                _index++;
            }

            return taken;
        }

        private async Task<bool> FetchAsync(CancellationToken cancellationToken)
        {
            if (_started && _next is null)
            {
                return false;
            }

            try
            {
                var page = await (_prefetched ?? Scroll(_next, cancellationToken));
                (_page, _index, _next) = (page.Points, 0, page.NextOffset);
                // The next page is on its way while this one is compared.
                _prefetched = _next is null ? null : Scroll(_next, cancellationToken);
            }
            catch (CollectionNotFoundException) when (missingIsEmpty && !_started)
            {
                (_page, _index, _next) = ([], 0, null);
            }

            _started = true;
            return _page.Count > 0;
        }

        private Task<ScrollPage> Scroll(string? offset, CancellationToken cancellationToken) =>
            cluster.ScrollAsync(collection, new ScrollRequest(pageSize, offset, WithPayload: true, WithVectors: true), cancellationToken);
    }
}
