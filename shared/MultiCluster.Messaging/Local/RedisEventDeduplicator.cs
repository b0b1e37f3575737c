using CloudNative.CloudEvents;
using MultiCluster.Messaging.Transport;
using StackExchange.Redis;

namespace MultiCluster.Messaging.Local;

/// <summary>
/// Processed ids kept in Redis, one key per (group, source, id): "processing:&lt;token&gt;" while a consumer handles
/// the event (expires after the claim idle timeout, so a dead consumer's claim lapses when its event is taken over),
/// then "done" for <see cref="RedisStreamsOptions.ProcessedIdRetention"/>. Keys rather than a set because each id
/// needs its own expiry; they live in the same Redis as the streams, so they are as durable as the events.
/// </summary>
internal sealed class RedisEventDeduplicator(IConnectionMultiplexer connection, RedisStreamsOptions options) : IEventDeduplicator
{
    private const string Done = "done";
    private const string Processing = "processing:";

    // Deletes the key only while it still holds the claim's value: a claim is released by its owner only.
    private static readonly LuaScript DeleteIfEqual = LuaScript.Prepare("if redis.call('get', @key) == @value then return redis.call('del', @key) else return 0 end");

    private readonly IDatabase _redis = connection.GetDatabase();

    public async Task<ProcessingClaim> TryClaimAsync(string consumerGroup, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var key = $"{options.KeyPrefix}processed:{consumerGroup}:{cloudEvent.Source}:{cloudEvent.Id}";
        var token = Guid.NewGuid().ToString("N");

        // Two rounds: the key can expire between a failed SET NX and the GET.
        for (var round = 0; round < 2; round++)
        {
            if (await _redis.StringSetAsync(key, Processing + token, options.ClaimIdleTimeout, When.NotExists))
            {
                return new ProcessingClaim(ClaimStatus.Acquired, key, token);
            }

            switch ((string?)await _redis.StringGetAsync(key))
            {
                case Done:
                    return new ProcessingClaim(ClaimStatus.AlreadyProcessed, key, token);
                case not null:
                    return new ProcessingClaim(ClaimStatus.InProgressElsewhere, key, token);
            }
        }

        return new ProcessingClaim(ClaimStatus.InProgressElsewhere, key, token);
    }

    public Task CompleteAsync(ProcessingClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return _redis.StringSetAsync(claim.Key, Done, options.ProcessedIdRetention);
    }

    public Task ReleaseAsync(ProcessingClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return _redis.ScriptEvaluateAsync(DeleteIfEqual, new { key = (RedisKey)claim.Key, value = Processing + claim.Token });
    }
}
