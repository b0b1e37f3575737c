using System.Diagnostics.CodeAnalysis;
using Grpc.Core;
using MultiCluster.Clusters;
using Npgsql;

namespace MultiCluster.Rebalancer.Grpc;

/// <summary>The statuses the endpoint answers with, and the logic's exceptions mapped onto them.</summary>
internal static class RpcErrors
{
    [DoesNotReturn]
    public static void InvalidArgument(string detail) => throw new RpcException(new Status(StatusCode.InvalidArgument, detail));

    /// <summary>Runs a handler body without a result (a stream's); an exception of the logic becomes the status it stands for.</summary>
    public static Task Answer(Func<Task> body) => Answer(async () =>
    {
        await body();
        return true;
    });

    /// <summary>Runs a handler body; an exception of the logic becomes the status it stands for.</summary>
    public static async Task<T> Answer<T>(Func<Task<T>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is RebalancerException or VectorClusterException or NpgsqlException)
        {
            throw ToRpc(e);
        }
    }

    private static RpcException ToRpc(Exception e) => e switch
    {
        RebalancerException failure => new RpcException(new Status(failure.Kind switch
        {
            FailureKind.InvalidArgument => StatusCode.InvalidArgument,
            FailureKind.NotFound => StatusCode.NotFound,
            _ => StatusCode.FailedPrecondition,
        }, failure.Message)),
        VectorClusterException cluster => new RpcException(new Status(StatusCode.Unavailable,
            $"cluster {cluster.Cluster} did not answer as needed: {e.Message} Try again when it is healthy (HealthCheckClusters).")),
        _ => new RpcException(new Status(StatusCode.Unavailable, $"the rebalancer database did not answer ({e.Message}); try again shortly.")),
    };
}
