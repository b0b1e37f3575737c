using System.Text.Json;

namespace MultiCluster.LocalCluster.Storage;

/// <summary>
/// The points of one collection in dense slots: every vector in one contiguous float array (capacity doubles as it
/// fills), ids and payloads in parallel arrays, a map from id to slot, and the ids in order for scrolling. A delete
/// moves the last slot into the hole, so slots stay dense and a scan never meets a tombstone.
/// Not thread-safe: <see cref="VectorCollection"/> serialises writers and lets readers in under its lock.
/// </summary>
internal sealed class PointStore
{
    private const int InitialCapacity = 16;

    private readonly Dictionary<PointId, int> _slots = [];
    private readonly SortedSet<PointId> _order = [];
    private float[] _vectors;
    private PointId[] _ids;
    private JsonElement?[] _payloads;

    public PointStore(int dimension)
    {
        Dimension = dimension;
        _vectors = new float[InitialCapacity * dimension];
        _ids = new PointId[InitialCapacity];
        _payloads = new JsonElement?[InitialCapacity];
    }

    public int Dimension { get; }

    public int Count { get; private set; }

    /// <summary>The vectors of every occupied slot, slot after slot.</summary>
    public ReadOnlySpan<float> AllVectors => _vectors.AsSpan(0, Count * Dimension);

    public ReadOnlySpan<float> VectorAt(int slot) => _vectors.AsSpan(slot * Dimension, Dimension);

    public PointId IdAt(int slot) => _ids[slot];

    public JsonElement? PayloadAt(int slot) => _payloads[slot];

    public bool TryGetSlot(PointId id, out int slot) => _slots.TryGetValue(id, out slot);

    public PointRecord RecordAt(int slot) => new(_ids[slot], VectorAt(slot).ToArray(), _payloads[slot]);

    /// <summary>Inserts the point, or replaces vector and payload of the point with the same id.</summary>
    public void Upsert(PointRecord point)
    {
        if (point.Vector.Length != Dimension)
        {
            throw StorageException.DimensionMismatch(Dimension, point.Vector.Length);
        }

        if (!_slots.TryGetValue(point.Id, out var slot))
        {
            EnsureCapacity(Count + 1);
            slot = Count++;
            _slots[point.Id] = slot;
            _order.Add(point.Id);
            _ids[slot] = point.Id;
        }

        point.Vector.CopyTo(_vectors.AsSpan(slot * Dimension, Dimension));
        _payloads[slot] = point.Payload;
    }

    public void SetPayload(int slot, JsonElement? payload) => _payloads[slot] = payload;

    /// <summary>Removes the point; the last slot moves into its place. False when there was no such point.</summary>
    public bool Remove(PointId id)
    {
        if (!_slots.Remove(id, out var slot))
        {
            return false;
        }

        _order.Remove(id);
        var last = --Count;
        if (slot != last)
        {
            _vectors.AsSpan(last * Dimension, Dimension).CopyTo(_vectors.AsSpan(slot * Dimension, Dimension));
            _ids[slot] = _ids[last];
            _payloads[slot] = _payloads[last];
            _slots[_ids[slot]] = slot;
        }

        _payloads[last] = null;
        return true;
    }

    /// <summary>Ids in Qdrant's order, starting at <paramref name="from"/> (inclusive) when given.</summary>
    public IEnumerable<PointId> IdsInOrder(PointId? from) =>
        from is { } start ? _order.GetViewBetween(start, PointId.Max) : _order;

    private void EnsureCapacity(int needed)
    {
        if (needed <= _ids.Length)
        {
            return;
        }

        var capacity = Math.Max(needed, _ids.Length * 2);
        Array.Resize(ref _vectors, checked(capacity * Dimension));
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _payloads, capacity);
    }
}
