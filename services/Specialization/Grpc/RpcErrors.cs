using System.Diagnostics.CodeAnalysis;
using Grpc.Core;
using MultiCluster.ServiceDefaults.Grpc;

namespace MultiCluster.Specialization.Grpc;

/// <summary>The statuses the endpoint answers with, and the logic's exceptions mapped onto them (the mapping itself is <see cref="RpcErrorMap"/>).</summary>
internal static class RpcErrors
{
    private static readonly RpcErrorMap Map = new("specialization", e => e is SpecializationException failure
        ? failure.Kind switch
        {
            FailureKind.InvalidArgument => StatusCode.InvalidArgument,
            FailureKind.NotFound => StatusCode.NotFound,
            FailureKind.FailedPrecondition => StatusCode.FailedPrecondition,
            FailureKind.ResourceExhausted => StatusCode.ResourceExhausted,
            _ => StatusCode.Unavailable,
        }
        : null);

    [DoesNotReturn]
    public static void InvalidArgument(string detail) => throw new RpcException(new Status(StatusCode.InvalidArgument, detail));

    /// <summary>Runs a handler body; an exception of the logic becomes the status it stands for.</summary>
    public static Task<T> Answer<T>(Func<Task<T>> body) => Map.Answer(body);

    /// <summary>Runs a handler body without a result (a stream's); an exception of the logic becomes the status it stands for.</summary>
    public static Task Answer(Func<Task> body) => Map.Answer(body);
}
