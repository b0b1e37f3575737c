using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Search;

/// <summary>
/// The k closest candidates seen so far, in a bounded binary heap whose root is the worst kept; a candidate worse
/// than the root is rejected in O(1). Ties in closeness go to the smaller id, so results are deterministic.
/// </summary>
internal sealed class TopK
{
    private readonly Candidate[] _heap;

    public TopK(int capacity) => _heap = new Candidate[Math.Max(capacity, 0)];

    public int Count { get; private set; }

    public int Capacity => _heap.Length;

    public void Offer(float closeness, int slot, PointId id)
    {
        var candidate = new Candidate(closeness, slot, id);
        if (Count < _heap.Length)
        {
            _heap[Count] = candidate;
            SiftUp(Count++);
        }
        else if (Count > 0 && IsWorse(_heap[0], candidate))
        {
            _heap[0] = candidate;
            SiftDown(0);
        }
    }

    /// <summary>Adds everything another heap kept (for merging per-thread heaps).</summary>
    public void Merge(TopK other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            var c = other._heap[i];
            Offer(c.Closeness, c.Slot, c.Id);
        }
    }

    /// <summary>The kept candidates, closest first.</summary>
    public Candidate[] ToSortedArray()
    {
        var result = _heap.AsSpan(0, Count).ToArray();
        Array.Sort(result, static (a, b) => IsWorse(a, b) ? 1 : IsWorse(b, a) ? -1 : 0);
        return result;
    }

    private static bool IsWorse(Candidate a, Candidate b) =>
        a.Closeness < b.Closeness || (a.Closeness == b.Closeness && a.Id > b.Id);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!IsWorse(_heap[i], _heap[parent]))
            {
                return;
            }

            (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var worst = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < Count && IsWorse(_heap[left], _heap[worst]))
            {
                worst = left;
            }

            if (right < Count && IsWorse(_heap[right], _heap[worst]))
            {
                worst = right;
            }

            if (worst == i)
            {
                return;
            }

            (_heap[i], _heap[worst]) = (_heap[worst], _heap[i]);
            i = worst;
        }
    }

    /// <summary>One kept point: its closeness key, its slot in the store, its id.</summary>
    internal readonly record struct Candidate(float Closeness, int Slot, PointId Id);
}
