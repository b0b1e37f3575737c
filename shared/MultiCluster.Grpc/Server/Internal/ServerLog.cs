using Microsoft.Extensions.Logging;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>The server's log events, with stable ids.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Error, "Handler of {Method} threw; the client gets UNKNOWN.")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "Deadline of {Method} exceeded; answering DEADLINE_EXCEEDED and cancelling the handler.")]
    public static partial void DeadlineExceeded(ILogger logger, string method);

    [LoggerMessage(3, LogLevel.Warning, "Cannot send the status of {Method}: the connection does not support trailers.")]
    public static partial void TrailersNotSupported(ILogger logger, string method);

    [LoggerMessage(4, LogLevel.Debug, "Rejected a request to {Path}: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string path, string reason);

    [LoggerMessage(5, LogLevel.Debug, "Call {Method} ended with {StatusCode}: {Detail}")]
    public static partial void CallEnded(ILogger logger, string method, Grpc.Core.StatusCode statusCode, string detail);
}
