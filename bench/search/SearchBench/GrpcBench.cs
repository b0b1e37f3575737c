using System.Diagnostics;
using System.Globalization;
using MultiCluster.Clusters;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Qdrant;

namespace MultiCluster.Bench.Search;

/// <summary>
/// LocalCluster through the services' own cluster adapter (<see cref="QdrantCluster"/>: Qdrant.Client over gRPC),
/// against the node and collection <see cref="RestBench"/> filled: the same top-10 searches from N concurrent callers
/// of one adapter instance, as a service's callers share it. Request records are built before the clock starts.
/// </summary>
internal static class GrpcBench
{
    private const int K = 10;
    private const int Warmup = 50;

    public static async Task RunAsync(LocalClusterProcess node, string collection, float[][] queries, BenchOptions options)
    {
        using var cluster = new QdrantCluster(
            new ClusterOptions { Name = "bench", Url = node.BaseAddress, GrpcUrl = node.GrpcAddress, Timeout = TimeSpan.FromMinutes(1) },
            new RetryOptions { MaxRetries = 0 });
        var requests = queries.Select(q => new SearchRequest(q, K, WithPayload: false)).ToArray();
        for (var i = 0; i < Math.Min(Warmup, requests.Length); i++)
        {
            await cluster.SearchAsync(collection, requests[i]);
        }

        var ids = new ulong[requests.Length][];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async _ =>
        {
            int q;
            while ((q = Interlocked.Increment(ref next)) < requests.Length)
            {
                var hits = await cluster.SearchAsync(collection, requests[q]);
                ids[q] = [.. hits.Select(hit => ulong.Parse(hit.Id, CultureInfo.InvariantCulture))];
            }
        }));
        Report.Figure("grpc_qps", requests.Length / Stopwatch.GetElapsedTime(started).TotalSeconds);
        Report.Line("grpc_clients", options.Clients.ToString(CultureInfo.InvariantCulture));
        Report.WriteIds(Path.Combine(options.OutputDirectory, "grpc.ids"), ids);
    }
}
