using System.Diagnostics.CodeAnalysis;
using Grpc.Core;
using MultiCluster.Clusters;
using Npgsql;

namespace MultiCluster.Discovery.Grpc;

/// <summary>The statuses the endpoint answers with, each thrown by one small helper, and the logic's exceptions mapped onto them.</summary>
internal static class RpcErrors
{
    [DoesNotReturn]
    public static void InvalidArgument(string detail) => throw new RpcException(new Status(StatusCode.InvalidArgument, detail));

    [DoesNotReturn]
    public static void NotFound(string detail) => throw new RpcException(new Status(StatusCode.NotFound, detail));

    [DoesNotReturn]
    public static void FailedPrecondition(string detail) => throw new RpcException(new Status(StatusCode.FailedPrecondition, detail));

    [DoesNotReturn]
    public static void Unavailable(string detail) => throw new RpcException(new Status(StatusCode.Unavailable, detail));

    /// <summary>Runs a handler body; an exception of the logic becomes the status it stands for.</summary>
    public static async Task<T> Answer<T>(Func<Task<T>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (IsMapped(e))
        {
            Throw(e);
            return default;
        }
    }

    public static async Task Answer(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception e) when (IsMapped(e))
        {
            Throw(e);
        }
    }

    private static bool IsMapped(Exception e) =>
        e is DiscoveryRequestException or DiscoveryNotFoundException or DiscoveryConflictException or VectorClusterException
            or NpgsqlException;

    [DoesNotReturn]
    private static void Throw(Exception e)
    {
        switch (e)
        {
            case DiscoveryRequestException:
                InvalidArgument(e.Message);
                break;
            case DiscoveryNotFoundException:
                NotFound(e.Message);
                break;
            case DiscoveryConflictException:
                FailedPrecondition(e.Message);
                break;
            case VectorClusterException cluster:
                Unavailable($"cluster {cluster.Cluster} did not answer as needed: {e.Message} Try again when it is healthy (HealthCheckClusters).");
                break;
            default:
                Unavailable($"the discovery database did not answer ({e.Message}); try again shortly.");
                break;
        }
    }
}
