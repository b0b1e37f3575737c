using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace MultiCluster.Clusters.Qdrant;

/// <summary>
/// Runs one <see cref="QdrantCall"/> (gRPC or REST: the attempt says which) through its resilience pipeline: attempt
/// timeouts become <see cref="ClusterTimeoutException"/>, failures are logged once; cancellation by the caller passes
/// through untouched. Each attempt turns its own transport's failures into the port's exceptions.
/// </summary>
internal sealed class QdrantCallRunner(QdrantResiliencePipelines pipelines, QdrantErrorMapper errors, ILogger logger, string cluster)
{
    public async Task<T> RunAsync<T>(QdrantCall call, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(QdrantResiliencePipelines.OperationKey, call.Operation);
        try
        {
            return await pipelines.For(call.Kind).ExecuteAsync(async ctx => await attempt(ctx.CancellationToken), context);
        }
        catch (TimeoutRejectedException e)
        {
            var timedOut = errors.TimedOut(call, pipelines.TimeoutOf(call.Kind), e);
            QdrantLog.CallFailed(logger, cluster, call.Operation, timedOut.Message);
            throw timedOut;
        }
        catch (VectorClusterException e)
        {
            QdrantLog.CallFailed(logger, cluster, call.Operation, e.Message);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
