using System.Diagnostics;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Bench.Routing;

/// <summary>Searches completed per second with a fixed number in flight, summed over several timed runs.</summary>
internal sealed class Throughput
{
    private long _completed;
    private double _seconds;

    public int Errors { get; private set; }

    public int Partial { get; private set; }

    public double Qps => _completed / _seconds;

    public async Task RunAsync(OrchestratorService.OrchestratorServiceClient client, string library, IReadOnlyList<float[]> queries, RoutingHints hints, int concurrency, TimeSpan duration)
    {
        var next = -1;
        long completed = 0;
        int errors = 0, partial = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var query = queries[(Interlocked.Increment(ref next) & int.MaxValue) % queries.Count];
                try
                {
                    var response = await client.SearchAsync(SearchPass.Request(library, query, hints, null));
                    Interlocked.Increment(ref completed);
                    if (response.Partial)
                    {
                        Interlocked.Increment(ref partial);
                    }
                }
                catch (Grpc.Core.RpcException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        _seconds += clock.Elapsed.TotalSeconds;
        _completed += completed;
        Errors += errors;
        Partial += partial;
    }
}
