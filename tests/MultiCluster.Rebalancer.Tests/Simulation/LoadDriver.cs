using System.Diagnostics;
using Grpc.Core;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Tests.Simulation;

/// <summary>
/// The clients: searches through the Orchestrator at a steady rate (at most <see cref="SimulationSettings.Concurrency"/>
/// in flight, the rest dropped and counted), each a test image of the domain the day's Zipf law draws, past the result
/// cache so every query reaches the clusters.
/// </summary>
public sealed class LoadDriver(OrchestratorService.OrchestratorServiceClient orchestrator, SimulatedLibrary library, ZipfDay day, SimulationSettings settings)
{
    private long _sent;
    private long _failed;
    private long _dropped;
    private long _partial;

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Answers flagged partial (a cluster failed or ran out of time) or with no result at all.</summary>
    public long Partial => Interlocked.Read(ref _partial);

    /// <summary>Sends queries from <paramref name="clock"/>'s start (time 0 of the simulated day) until cancelled.</summary>
    public async Task RunAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var random = new Random(settings.Seed);
        using var slots = new SemaphoreSlim(settings.Concurrency);
        var interval = TimeSpan.FromSeconds(1.0 / settings.QueriesPerSecond);
        var next = clock.Elapsed;
        var inFlight = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            next += interval;
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            var domain = day.Draw(clock.Elapsed, random);
            var queries = library.QueriesByDomain[domain];
            var vector = queries[random.Next(queries.Count)];
            if (!slots.Wait(0, CancellationToken.None))
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            inFlight.Add(SearchAsync(vector, slots));
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SearchAsync(float[] vector, SemaphoreSlim slots)
    {
        try
        {
            Interlocked.Increment(ref _sent);
            var answer = await orchestrator.SearchAsync(
                new SearchRequest { Library = library.Name, Vector = { vector }, Limit = 10, Routing = new RoutingHints { BypassCache = true } },
                deadline: DateTime.UtcNow.AddSeconds(10));
            if (answer.Partial || answer.Points.Count == 0)
            {
                Interlocked.Increment(ref _partial);
            }
        }
        catch (RpcException)
        {
            Interlocked.Increment(ref _failed);
        }
        finally
        {
            slots.Release();
        }
    }
}
