using Microsoft.Extensions.Diagnostics.HealthChecks;
using MultiCluster.Storage.Redis;
using StackExchange.Redis;

namespace MultiCluster.ServiceDefaults.Messaging;

/// <summary>Ready while Redis answers PING: events, deduplication and the cache all go through it.</summary>
public sealed class RedisReadinessCheck(IConnectionMultiplexer redis, RedisOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        // Whatever the client throws (connection or timeout), short of this check being cancelled.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Redis at {Endpoint(options)} does not answer: {e.Message} Start it, or fix Redis:ConnectionString.");
        }
    }

    // The configuration string may carry a password: only the endpoints before the first comma are shown.
    private static string Endpoint(RedisOptions options) => options.ConnectionString.Split(',')[0];
}
