using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using MultiCluster.Clusters;
using Polly;
using Polly.CircuitBreaker;

namespace MultiCluster.Orchestrator.Fanout;

/// <summary>
/// A circuit breaker (Polly) and a bulkhead (a concurrency limiter) per cluster. The breaker opens after
/// <c>threshold</c> failures in a row (the contract's circuit_failure_threshold) and stays open for the break duration,
/// then lets one trial call through. Breakers are kept per cluster and breaker settings, so libraries with their own
/// thresholds have their own; the state reported for a cluster is the worst of them.
/// </summary>
public sealed class ClusterGuards(OrchestratorOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<(string Cluster, int Threshold, TimeSpan Break), BreakerOf> _breakers = new();
    private readonly ConcurrentDictionary<string, ConcurrencyLimiter> _bulkheads = new(StringComparer.Ordinal);

    /// <summary>Runs one call to a cluster through its breaker under these settings.</summary>
    public async ValueTask<T> ExecuteAsync<T>(string cluster, int threshold, TimeSpan breakDuration, Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        var breaker = _breakers.GetOrAdd((cluster, threshold, breakDuration), key => Build(key.Threshold, key.Break));
        var result = await breaker.Pipeline.ExecuteAsync(call, cancellationToken);
        // Polly's breaker opens on a failure ratio over a sampling window, so one success still in the window would
        // keep any later run of failures below ratio 1 and the circuit closed until it aged out (30 s). Closing a
        // closed circuit empties its window: what it then counts are the failures since the last success. (A success
        // racing a failure that just opened the circuit may close it early: it opens again after as many failures.)
        if (breaker.State.CircuitState == Polly.CircuitBreaker.CircuitState.Closed)
        {
            await breaker.Control.CloseAsync(CancellationToken.None);
        }

        return result;
    }

    /// <summary>The cluster's bulkhead: <see cref="OrchestratorOptions.ClusterConcurrency"/> calls at once, as many again waiting.</summary>
    public ConcurrencyLimiter Bulkhead(string cluster) => _bulkheads.GetOrAdd(cluster, _ => new ConcurrencyLimiter(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.ClusterConcurrency,
        QueueLimit = options.ClusterConcurrency,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    }));

    /// <summary>The worst state among the cluster's breakers (closed when none has been used).</summary>
    public Contracts.V1.CircuitState State(string cluster)
    {
        var states = _breakers.Where(b => b.Key.Cluster == cluster).Select(b => b.Value.State.CircuitState).ToList();
        return states.Contains(Polly.CircuitBreaker.CircuitState.Open) || states.Contains(Polly.CircuitBreaker.CircuitState.Isolated)
            ? Contracts.V1.CircuitState.Open
            : states.Contains(Polly.CircuitBreaker.CircuitState.HalfOpen) ? Contracts.V1.CircuitState.HalfOpen : Contracts.V1.CircuitState.Closed;
    }

    public void Dispose()
    {
        foreach (var bulkhead in _bulkheads.Values)
        {
            bulkhead.Dispose();
        }
    }

    private static BreakerOf Build(int threshold, TimeSpan breakDuration)
    {
        var state = new CircuitBreakerStateProvider();
        var control = new CircuitBreakerManualControl();
        var pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Every call in the window failed, and at least threshold of them (Polly's least is 2).
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, threshold),
                SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, breakDuration.TotalSeconds)),
                BreakDuration = breakDuration < TimeSpan.FromMilliseconds(500) ? TimeSpan.FromMilliseconds(500) : breakDuration,
                StateProvider = state,
                ManualControl = control,
                // A cluster that answers "bad request" or "no such collection" is up; a timeout or no answer is not.
                ShouldHandle = new PredicateBuilder()
                    .Handle<TimeoutException>()
                    .Handle<VectorClusterException>(e => e is not (InvalidClusterRequestException or CollectionNotFoundException)),
            })
            .Build();
        return new BreakerOf(pipeline, state, control);
    }

    private sealed record BreakerOf(ResiliencePipeline Pipeline, CircuitBreakerStateProvider State, CircuitBreakerManualControl Control);
}
