using Grpc.Core;
using MultiCluster.ServiceDefaults.Grpc;

namespace MultiCluster.Discovery.Grpc;

/// <summary>The logic's exceptions mapped onto the statuses the endpoint answers with (the mapping itself is <see cref="RpcErrorMap"/>).</summary>
internal static class RpcErrors
{
    private static readonly RpcErrorMap Map = new("discovery", e => e switch
    {
        DiscoveryRequestException => StatusCode.InvalidArgument,
        DiscoveryNotFoundException => StatusCode.NotFound,
        DiscoveryConflictException => StatusCode.FailedPrecondition,
        _ => null,
    });

    /// <summary>Runs a handler body; an exception of the logic becomes the status it stands for.</summary>
    public static Task<T> Answer<T>(Func<Task<T>> body) => Map.Answer(body);

    /// <summary>Runs a handler body without a result (a stream's); an exception of the logic becomes the status it stands for.</summary>
    public static Task Answer(Func<Task> body) => Map.Answer(body);
}
