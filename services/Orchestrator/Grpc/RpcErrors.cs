using Grpc.Core;
using MultiCluster.ServiceDefaults.Grpc;

namespace MultiCluster.Orchestrator.Grpc;

/// <summary>The logic's exceptions mapped onto the statuses the endpoint answers with (the mapping itself is <see cref="RpcErrorMap"/>).</summary>
internal static class RpcErrors
{
    private static readonly RpcErrorMap Map = new("orchestrator", e => e is OrchestratorException failure
        ? failure.Kind switch
        {
            FailureKind.InvalidArgument => StatusCode.InvalidArgument,
            FailureKind.NotFound => StatusCode.NotFound,
            FailureKind.AlreadyExists => StatusCode.AlreadyExists,
            FailureKind.FailedPrecondition => StatusCode.FailedPrecondition,
            FailureKind.ResourceExhausted => StatusCode.ResourceExhausted,
            FailureKind.DeadlineExceeded => StatusCode.DeadlineExceeded,
            _ => StatusCode.Unavailable,
        }
        : null);

    /// <summary>Runs a handler body; an exception of the logic becomes the status it stands for.</summary>
    public static Task<T> Answer<T>(Func<Task<T>> body) => Map.Answer(body);
}
