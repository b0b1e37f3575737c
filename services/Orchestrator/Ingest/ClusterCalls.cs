using System.Collections.Concurrent;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using Polly;
using Polly.Timeout;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>
/// The one door every ingest, read-by-id and status call to a cluster goes through: the cluster looked up by name, a
/// time limit per call (Polly), and a failure turned into the contract's ClusterFailure naming the cluster. This is
/// the seam for the fan-out's per-cluster circuit breakers and bulkheads (Fanout/): once they exist, wrap the call here
/// with that cluster's pipeline instead of building a second set. Retries are the adapter's (QdrantCluster's
/// RetryOptions); every call made here is idempotent, so they are safe.
/// </summary>
public sealed class ClusterCalls(IClusterRegistry registry)
{
    /// <summary>How long one write or delete batch may take on one cluster (wait=true includes the fsync).</summary>
    public static readonly TimeSpan WriteBudget = TimeSpan.FromSeconds(30);

    /// <summary>How long a read, count or probe may take: status and Get answer with what came back in time.</summary>
    public static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<TimeSpan, ResiliencePipeline> _pipelines = new();

    /// <summary>The call's value, or the failure naming the cluster; cancellation of <paramref name="cancellationToken"/> still throws.</summary>
    public async Task<(T? Value, ClusterFailure? Failure)> TryAsync<T>(
        string cluster, TimeSpan budget, Func<IVectorCluster, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var pipeline = _pipelines.GetOrAdd(budget, b => new ResiliencePipelineBuilder().AddTimeout(b).Build());
        try
        {
            var target = registry.GetCluster(cluster);
            var value = await pipeline.ExecuteAsync(async token => await call(target, token), cancellationToken);
            return (value, null);
        }
        catch (TimeoutRejectedException)
        {
            return (default, Failure(cluster, "DEADLINE_EXCEEDED", $"cluster {cluster} did not answer within {budget.TotalSeconds:0.#} s."));
        }
        catch (VectorClusterException e)
        {
            var code = e is InvalidClusterRequestException ? "INVALID_ARGUMENT" : e is ClusterTimeoutException ? "DEADLINE_EXCEEDED" : "UNAVAILABLE";
            return (default, Failure(cluster, code, e.Message));
        }
    }

    public Task<(bool Value, ClusterFailure? Failure)> TryAsync(
        string cluster, TimeSpan budget, Func<IVectorCluster, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        TryAsync(cluster, budget, async (c, token) =>
        {
            await call(c, token);
            return true;
        }, cancellationToken);

    /// <summary>The cluster as the contract names it (with its region).</summary>
    public ClusterRef Ref(string cluster) =>
        new() { Name = cluster, Region = registry.Options.FirstOrDefault(o => o.Name == cluster)?.Region ?? "" };

    private ClusterFailure Failure(string cluster, string code, string reason) => new() { Cluster = Ref(cluster), Code = code, Reason = reason };
}
