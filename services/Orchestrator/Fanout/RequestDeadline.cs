namespace MultiCluster.Orchestrator.Fanout;

/// <summary>
/// The one deadline of a request: its own timeout_ms, else the library's default, else the Orchestrator's; never later
/// than the gRPC deadline the caller set. A call whose deadline had passed before it arrived is refused.
/// </summary>
public static class RequestDeadline
{
    public static DateTimeOffset Resolve(string field, uint timeoutMs, TimeSpan libraryDefault, DateTimeOffset? callDeadline, DateTimeOffset now, TimeSpan max)
    {
        if (callDeadline is { } expired && expired <= now)
        {
            throw new OrchestratorException(FailureKind.DeadlineExceeded,
                "deadline: the call's gRPC deadline had already passed when it arrived; send it again with a later deadline.");
        }

        if (timeoutMs > max.TotalMilliseconds)
        {
            throw OrchestratorException.Invalid($"{field}: {timeoutMs} ms is above the longest budget allowed, {max.TotalMilliseconds:0} ms; ask for less, or 0 for the library's default.");
        }

        var budget = timeoutMs > 0 ? TimeSpan.FromMilliseconds(timeoutMs) : libraryDefault;
        var deadline = now + budget;
        return callDeadline is { } call && call < deadline ? call : deadline;
    }
}
