using Grpc.Core;

namespace MultiCluster.Mcctl.Cli;

/// <summary>One line saying what went wrong and what to do, and the exit code it means (<see cref="ExitCodes"/>).</summary>
internal sealed record ErrorReport(int ExitCode, string Message)
{
    public static ErrorReport Describe(Exception exception, ParseResult parse, CancellationToken cancellation) => exception switch
    {
        CliException e => new(e.ExitCode, e.Message),
        ServiceCallException e when cancellation.IsCancellationRequested => Interrupted(),
        ServiceCallException e => FromStatus(e.Target, e.Status, parse),
        OperationCanceledException when cancellation.IsCancellationRequested => Interrupted(),
        FileNotFoundException e => new(ExitCodes.NotFound, $"{e.FileName ?? e.Message}: no such file."),
        DirectoryNotFoundException e => new(ExitCodes.NotFound, e.Message),
        UnauthorizedAccessException e => new(ExitCodes.Denied, e.Message),
        IOException e => new(ExitCodes.Failed, e.Message),
        _ => new(ExitCodes.Failed, $"unexpected {exception.GetType().Name}: {exception.Message}"),
    };

    private static ErrorReport Interrupted() =>
        new(ExitCodes.Interrupted, "interrupted; an operation already started on the server keeps running (follow it again with its operation id).");

    private static ErrorReport FromStatus(ServiceTarget target, Status status, ParseResult parse)
    {
        var detail = status.Detail.TrimEnd('.');
        var where = $"{target.Name} at {target.Address.GetLeftPart(UriPartial.Authority)}";
        return status.StatusCode switch
        {
            StatusCode.Unavailable when status.DebugException is not null => new(ExitCodes.Unavailable,
                $"could not reach {where} ({Reason(status.DebugException)}). Is the mesh running (./run.sh)? Point mcctl at it with {target.Flag} or {target.EnvironmentVariable}."),
            StatusCode.Unavailable => new(ExitCodes.Unavailable, $"{target.Name} is unavailable: {detail}. Try again when it is back (mcctl clusters health)."),
            StatusCode.DeadlineExceeded => new(ExitCodes.TimedOut,
                $"{where} did not answer within {parse.GetValue(GlobalOptions.Timeout)} s; raise --timeout or look at the service's log."),
            StatusCode.InvalidArgument or StatusCode.OutOfRange => new(ExitCodes.BadUsage, $"{target.Name} refused the request: {detail}."),
            StatusCode.NotFound => new(ExitCodes.NotFound, $"{detail} (mcctl library list shows the libraries)."),
            StatusCode.AlreadyExists or StatusCode.FailedPrecondition or StatusCode.Aborted => new(ExitCodes.Conflict, $"{target.Name} refused: {detail}."),
            StatusCode.Unauthenticated or StatusCode.PermissionDenied => new(ExitCodes.Denied,
                $"{target.Name} denied the call: {detail}. Pass an API key with --api-key or MCCTL_API_KEY."),
            StatusCode.Unimplemented => new(ExitCodes.Failed, $"{where} does not serve this call: is {target.Flag} the address of {target.Name}?"),
            StatusCode.ResourceExhausted => new(ExitCodes.Failed, $"{target.Name} is at a limit: {detail}."),
            _ => new(ExitCodes.Failed, $"{target.Name} failed ({status.StatusCode}): {detail}."),
        };
    }

    // The innermost exception says it best ("Connection refused", "Name or service not known").
    private static string Reason(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception.Message.TrimEnd('.');
    }
}
