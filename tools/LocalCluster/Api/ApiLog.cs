namespace MultiCluster.LocalCluster.Api;

/// <summary>What the HTTP layer reports, with stable event ids.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "{Method} {Path} failed unexpectedly")]
    public static partial void Unexpected(ILogger logger, string method, PathString path, Exception exception);
}
