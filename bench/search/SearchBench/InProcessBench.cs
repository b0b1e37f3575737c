using System.Diagnostics;
using MultiCluster.LocalCluster.Search;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.Bench.Search;

/// <summary>
/// LocalCluster's engine called directly: an in-memory <see cref="VectorCollection"/> (no log, no HTTP), the
/// train set inserted, then top-10 searches one at a time from one thread, and the same queries from one caller
/// per core.
/// </summary>
internal static class InProcessBench
{
    private const int K = 10;
    private const int Warmup = 50;

    public static void Run(float[][] train, float[][] queries, BenchOptions options)
    {
        var suffix = options.Tag.Length > 0 ? "_" + options.Tag : "";
        using var collection = VectorCollection.CreateInMemory(CollectionConfig.Of(train[0].Length, Distance.Euclid), "fashion-mnist");
        var started = Stopwatch.GetTimestamp();
        for (var from = 0; from < train.Length; from += options.Batch)
        {
            var batch = new PointRecord[Math.Min(options.Batch, train.Length - from)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = new PointRecord(PointId.FromNumber((ulong)(from + i)), train[from + i], null);
            }

            collection.Upsert(batch, wait: false);
        }

        Report.Figure("inproc_insert_pps" + suffix, train.Length / Stopwatch.GetElapsedTime(started).TotalSeconds);
        Report.Line("inproc_processor_count" + suffix, Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));

        for (var i = 0; i < Math.Min(Warmup, queries.Length); i++)
        {
            Search(collection, queries[i]);
        }

        var ids = new ulong[queries.Length][];
        var cpuBefore = Environment.CpuUsage.TotalTime;
        started = Stopwatch.GetTimestamp();
        for (var q = 0; q < queries.Length; q++)
        {
            ids[q] = Search(collection, queries[q]);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        Report.Figure("inproc_qps" + suffix, queries.Length / elapsed.TotalSeconds);
        Report.Figure("inproc_ms_per_query" + suffix, elapsed.TotalMilliseconds / queries.Length);
        // CPU time of the whole process over the loop: unlike wall time, not inflated by other work on the machine.
        Report.Figure("inproc_cpu_ms_per_query" + suffix, cpu.TotalMilliseconds / queries.Length);
        Report.WriteIds(Path.Combine(options.OutputDirectory, $"inproc{suffix}.ids"), ids);

        if (Environment.ProcessorCount > 1)
        {
            // One caller per core; the engine may still split each scan (it nests inside Parallel.For).
            started = Stopwatch.GetTimestamp();
            Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, q =>
                Search(collection, queries[q]));
            Report.Figure("inproc_parallel_qps" + suffix, queries.Length / Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private static ulong[] Search(VectorCollection collection, float[] query) =>
        [.. collection.Search(new SearchRequest(query, K)).Select(hit => hit.Id.ToNumber())];
}
