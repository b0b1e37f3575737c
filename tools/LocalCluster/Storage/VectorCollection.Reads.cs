using MultiCluster.LocalCluster.Filtering;
using MultiCluster.LocalCluster.Search;

namespace MultiCluster.LocalCluster.Storage;

// Reads: all under the shared read lock, so any number run at once and none sees half of a write.
public sealed partial class VectorCollection
{
    /// <summary>Points stored now.</summary>
    public int Count => Read(() => _store.Count);

    /// <summary>The points with these ids, in the order asked; ids that do not exist are left out.</summary>
    public IReadOnlyList<RetrievedPoint> Retrieve(IReadOnlyList<PointId> ids, PayloadSelector withPayload, bool withVector) => Read(() =>
    {
        var found = new List<RetrievedPoint>(ids.Count);
        var seen = new HashSet<PointId>();
        foreach (var id in ids)
        {
            if (seen.Add(id) && _store.TryGetSlot(id, out var slot))
            {
                found.Add(Materialise(slot, withPayload, withVector));
            }
        }

        return (IReadOnlyList<RetrievedPoint>)found;
    });

    /// <summary>A page of points in id order, and where the next page starts.</summary>
    public ScrollPage Scroll(ScrollRequest request) => Read(() =>
    {
        var points = new List<RetrievedPoint>(Math.Min(request.Limit, 1024));
        PointId? next = null;
        foreach (var id in _store.IdsInOrder(request.Offset))
        {
            _store.TryGetSlot(id, out var slot);
            if (request.Filter is { } filter && !filter.Matches(id, _store.PayloadAt(slot)))
            {
                continue;
            }

            if (points.Count == request.Limit)
            {
                next = id;
                break;
            }

            points.Add(Materialise(slot, request.WithPayload, request.WithVector));
        }

        return new ScrollPage(points, next);
    });

    /// <summary>Exact number of points matching the filter (all points when null).</summary>
    public int CountMatching(Filter? filter) => Read(() =>
    {
        if (filter is null)
        {
            return _store.Count;
        }

        var count = 0;
        for (var slot = 0; slot < _store.Count; slot++)
        {
            if (filter.Matches(_store.IdAt(slot), _store.PayloadAt(slot)))
            {
                count++;
            }
        }

        return count;
    });

    /// <summary>
    /// The closest points to <see cref="SearchRequest.Vector"/>, best first, by an exact SIMD scan that applies the
    /// filter as it goes. Scores are Qdrant's: similarity for Cosine and Dot, distance for Euclid and Manhattan.
    /// </summary>
    public IReadOnlyList<ScoredPoint> Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var config = _config;
        if (request.Vector.Length != config.Size)
        {
            throw StorageException.DimensionMismatch(config.Size, request.Vector.Length);
        }

        if (request.Limit < 0 || request.Offset < 0)
        {
            throw StorageException.BadInput("Limit and offset cannot be negative.");
        }

        var query = request.Vector;
        if (config.Distance == Distance.Cosine)
        {
            query = (float[])query.Clone();
            VectorMath.Normalize(query);
        }

        return Read(() =>
        {
            var wanted = (int)Math.Min((long)request.Limit + request.Offset, int.MaxValue);
            var kept = ExactScan.Run(_store, config.Distance, query, wanted, request.Filter, request.ScoreThreshold);
            var results = new List<ScoredPoint>(Math.Max(0, kept.Length - request.Offset));
            for (var i = request.Offset; i < kept.Length; i++)
            {
                var slot = kept[i].Slot;
                var score = config.Distance.SmallerIsCloser() ? -kept[i].Closeness : kept[i].Closeness;
                results.Add(new ScoredPoint(
                    kept[i].Id,
                    score,
                    request.WithPayload.Apply(_store.PayloadAt(slot)),
                    request.WithVector ? _store.VectorAt(slot).ToArray() : null));
            }

            return (IReadOnlyList<ScoredPoint>)results;
        });
    }

    private RetrievedPoint Materialise(int slot, PayloadSelector withPayload, bool withVector) =>
        new(_store.IdAt(slot), withPayload.Apply(_store.PayloadAt(slot)), withVector ? _store.VectorAt(slot).ToArray() : null);

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
