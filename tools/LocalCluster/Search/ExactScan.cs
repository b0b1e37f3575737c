using MultiCluster.LocalCluster.Filtering;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Search;

/// <summary>
/// Exact k-nearest search: every stored vector is scored with SIMD, the filter is applied during the scan (before
/// scoring, so filtered-out points cost no arithmetic), and a bounded heap keeps the k best. Large collections are
/// scanned in parallel partitions, each with its own heap, merged at the end.
/// </summary>
internal static class ExactScan
{
    private const long ParallelThreshold = 1 << 20; // floats scanned before partitioning pays off
    private const int MinPartitionSlots = 4096;

    public static TopK.Candidate[] Run(PointStore store, Distance distance, float[] query, int k, Filter? filter, float? threshold)
    {
        var count = store.Count;
        if (k <= 0 || count == 0)
        {
            return [];
        }

        var partitions = (long)count * store.Dimension >= ParallelThreshold && Environment.ProcessorCount > 1
            ? Math.Clamp(count / MinPartitionSlots, 1, Environment.ProcessorCount)
            : 1;
        if (partitions == 1)
        {
            return Scan(store, distance, query, k, filter, threshold, 0, count).ToSortedArray();
        }

        var heaps = new TopK[partitions];
        var size = (count + partitions - 1) / partitions;
        Parallel.For(0, partitions, p =>
            heaps[p] = Scan(store, distance, query, k, filter, threshold, p * size, Math.Min(count, (p + 1) * size)));
        var merged = new TopK(k);
        foreach (var heap in heaps)
        {
            merged.Merge(heap);
        }

        return merged.ToSortedArray();
    }

    private static TopK Scan(PointStore store, Distance distance, float[] query, int k, Filter? filter, float? threshold, int from, int to)
    {
        var heap = new TopK(Math.Min(k, to - from));
        var scratch = distance == Distance.Manhattan ? new float[query.Length] : [];
        for (var slot = from; slot < to; slot++)
        {
            var id = store.IdAt(slot);
            if (filter is not null && !filter.Matches(id, store.PayloadAt(slot)))
            {
                continue;
            }

            var score = VectorMath.Score(distance, query, store.VectorAt(slot), scratch);
            if (threshold is { } limit && !VectorMath.PassesThreshold(distance, score, limit))
            {
                continue;
            }

            heap.Offer(VectorMath.Closeness(distance, score), slot, id);
        }

        return heap;
    }
}
