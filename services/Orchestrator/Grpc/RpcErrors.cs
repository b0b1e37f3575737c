using Grpc.Core;
using MultiCluster.Clusters;
using Npgsql;

namespace MultiCluster.Orchestrator.Grpc;

/// <summary>The logic's exceptions mapped onto the statuses the endpoint answers with.</summary>
internal static class RpcErrors
{
    /// <summary>Runs a handler body; an exception of the logic becomes the status it stands for.</summary>
    public static async Task<T> Answer<T>(Func<Task<T>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is OrchestratorException or VectorClusterException or NpgsqlException)
        {
            throw ToRpc(e);
        }
    }

    private static RpcException ToRpc(Exception e) => e switch
    {
        OrchestratorException failure => new RpcException(new Status(failure.Kind switch
        {
            FailureKind.InvalidArgument => StatusCode.InvalidArgument,
            FailureKind.NotFound => StatusCode.NotFound,
            FailureKind.AlreadyExists => StatusCode.AlreadyExists,
            FailureKind.FailedPrecondition => StatusCode.FailedPrecondition,
            FailureKind.ResourceExhausted => StatusCode.ResourceExhausted,
            FailureKind.DeadlineExceeded => StatusCode.DeadlineExceeded,
            _ => StatusCode.Unavailable,
        }, failure.Message)),
        VectorClusterException cluster => new RpcException(new Status(StatusCode.Unavailable,
            $"cluster {cluster.Cluster} did not answer as needed: {e.Message} Try again when it is healthy (HealthCheckClusters).")),
        _ => new RpcException(new Status(StatusCode.Unavailable, $"the orchestrator database did not answer ({e.Message}); try again shortly.")),
    };
}
