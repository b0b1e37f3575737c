namespace MultiCluster.Discovery.Clustering;

/// <summary>
/// Rows cut into chunks of a fixed size, worked on in parallel. The size never depends on the thread count, and every
/// per-chunk partial result is combined in chunk order, so a sum comes out bit for bit the same however the threads
/// were scheduled and on however many cores.
/// </summary>
internal static class RowChunks
{
    /// <summary>Large enough to amortise scheduling, small enough to balance two to a few dozen cores.</summary>
    public const int Size = 512;

    public static int Count(int rows) => (rows + Size - 1) / Size;

    /// <summary>Runs <paramref name="body"/>(chunk, start, end) for every chunk, in parallel.</summary>
    public static void For(int rows, Action<int, int, int> body)
    {
        var chunks = Count(rows);
        if (chunks == 1)
        {
            body(0, 0, rows);
            return;
        }

        Parallel.For(0, chunks, chunk =>
        {
            var start = chunk * Size;
            body(chunk, start, Math.Min(rows, start + Size));
        });
    }

    /// <summary>Runs <paramref name="body"/> for every chunk in parallel and adds its results up in chunk order.</summary>
    public static double Sum(int rows, Func<int, int, double> body)
    {
        var partial = new double[Count(rows)];
        For(rows, (chunk, start, end) => partial[chunk] = body(start, end));
        var total = 0.0;
        foreach (var value in partial)
        {
            total += value;
        }

        return total;
    }
}
