using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace MultiCluster.Storage.Redis;

/// <summary>
/// Opens the process's one multiplexed Redis connection. Every command shares it, so nothing may block on the server:
/// stream readers never send XREADGROUP with BLOCK (it would stall every other command behind it) and poll instead.
/// </summary>
public static partial class RedisConnection
{
    /// <summary>Connects; while Redis is down the multiplexer keeps reconnecting in the background and commands fail fast.</summary>
    public static IConnectionMultiplexer Connect(RedisOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        var configuration = ConfigurationOptions.Parse(options.ConnectionString);
        configuration.AbortOnConnectFail = false;

        // Version 2 and later queue commands while disconnected until the timeout; failing at once is what the readiness
        // check (which must answer within its own timeout), the publishers (an unacknowledged publish is retried) and the
        // pollers (which back off) want.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        var connection = ConnectionMultiplexer.Connect(configuration);
        connection.ConnectionFailed += (_, e) => LogConnectionFailed(logger, e.EndPoint, e.FailureType, e.Exception?.Message);
        connection.ConnectionRestored += (_, e) => LogConnectionRestored(logger, e.EndPoint);
        return connection;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} failed ({FailureType}): {Reason}; reconnecting in the background")]
    private static partial void LogConnectionFailed(ILogger logger, System.Net.EndPoint? endPoint, ConnectionFailureType failureType, string? reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored")]
    private static partial void LogConnectionRestored(ILogger logger, System.Net.EndPoint? endPoint);
}
