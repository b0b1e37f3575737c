using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Transport;
using MultiCluster.Storage.Redis;

namespace MultiCluster.Messaging.Local;

/// <summary>
/// One topic's consumer in this service's group. It polls with short non-blocking reads (XREADGROUP without BLOCK,
/// backing off while idle) rather than blocking, because every command shares one multiplexed Redis connection and a
/// blocked read would stall them all; an idle topic costs a few cheap commands a second, and a new event waits at most
/// <see cref="RedisStreamsOptions.MaxPollInterval"/>. Every <see cref="RedisStreamsOptions.ClaimInterval"/> it takes
/// over events left unacknowledged longer than <see cref="RedisStreamsOptions.ClaimIdleTimeout"/> (XAUTOCLAIM): those
/// of dead consumers and those whose handler failed. An event is acknowledged only once handled (or known handled);
/// after <see cref="RedisStreamsOptions.MaxDeliveries"/> deliveries it moves to "&lt;topic&gt;.dlq" with its error.
/// </summary>
internal sealed partial class RedisStreamConsumer(string topic, RedisClient redis, EventDispatcher dispatcher, RedisStreamsOptions options, TimeProvider time, ILogger logger)
{
    private const string ScanStart = "0-0";

    // Bounds one reclaim pass, so a long pending list does not keep new events waiting.
    private const int MaxClaimRounds = 10;

    private string Group => dispatcher.ConsumerGroup;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new PollBackoff(options.MinPollInterval, options.MaxPollInterval);
        var groupReady = false;
        var nextClaim = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!groupReady)
                {
                    // From the start of the stream: events published before this service's first start are not missed.
                    await redis.CreateGroupAsync(topic, Group, ScanStart);
                    groupReady = true;
                }

                var worked = 0;
                if (time.GetUtcNow() >= nextClaim)
                {
                    worked += await ReclaimAsync(cancellationToken);
                    nextClaim = time.GetUtcNow() + options.ClaimInterval;
                }

                var entries = await redis.ReadGroupAsync(topic, Group, options.ConsumerName, options.BatchSize);
                foreach (var entry in entries)
                {
                    await ProcessAsync(entry, deliveries: 1, cancellationToken);
                }

                if (worked + entries.Count > 0)
                {
                    backoff.Reset();
                    continue;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (StreamGroupMissingException exception)
            {
                groupReady = false;
                LogGroupMissing(logger, exception, topic, Group);
            }
            catch (Exception exception)
            {
                // Redis down or restarting: keep polling; the multiplexer reconnects in the background.
                LogPollFailed(logger, exception, topic, Group);
            }

            try
            {
                await Task.Delay(backoff.Next(), time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<int> ReclaimAsync(CancellationToken cancellationToken)
    {
        var claimedTotal = 0;
        var cursor = ScanStart;
        for (var round = 0; round < MaxClaimRounds; round++)
        {
            var claimed = await redis.AutoClaimAsync(topic, Group, options.ConsumerName, options.ClaimIdleTimeout, cursor, options.BatchSize);
            foreach (var entry in claimed.Entries)
            {
                LogReclaimed(logger, topic, entry.Id, Group);
                await ProcessAsync(entry, await DeliveriesAsync(entry.Id), cancellationToken);
            }

            claimedTotal += claimed.Entries.Count;
            cursor = claimed.NextStart;
            if (cursor == ScanStart)
            {
                break;
            }
        }

        return claimedTotal;
    }

    // XAUTOCLAIM counted this delivery already; XPENDING tells the total.
    private async Task<long> DeliveriesAsync(string entryId)
    {
        var pending = await redis.PendingAsync(topic, Group, entryId, entryId, 1);
        return pending.Count == 1 ? pending[0].Deliveries : 1;
    }

    private async Task ProcessAsync(StreamEntry entry, long deliveries, CancellationToken cancellationToken)
    {
        if (entry[StreamFields.Data] is not { } data)
        {
            await DeadLetterAsync(entry, deliveries, $"Entry has no '{StreamFields.Data}' field: it was not published through the messaging port.");
            return;
        }

        CloudEvent cloudEvent;
        try
        {
            cloudEvent = CloudEventJson.Parse(data);
        }
        catch (CloudEventFormatException exception)
        {
            await DeadLetterAsync(entry, deliveries, $"Not a CloudEvent: {exception.Message}");
            return;
        }

        if (deliveries > options.MaxDeliveries)
        {
            await DeadLetterAsync(entry, deliveries, $"Delivered {deliveries - 1} times without an acknowledgement: its handler failed or its consumer stopped each time.");
            return;
        }

        var outcome = await dispatcher.DispatchAsync(topic, cloudEvent, "redis", cancellationToken);
        if (outcome.Settled)
        {
            await redis.AcknowledgeAsync(topic, Group, entry.Id);
        }
        else if (outcome.Status == DispatchStatus.Failed && deliveries >= options.MaxDeliveries)
        {
            await DeadLetterAsync(entry, deliveries, outcome.Error!);
        }

        // Otherwise it stays pending, and XAUTOCLAIM hands it out again after the claim idle timeout.
    }

    private async Task DeadLetterAsync(StreamEntry entry, long deliveries, string error)
    {
        var fields = new List<KeyValuePair<string, byte[]>>
        {
            new(StreamFields.Error, Utf8(error)),
            new(StreamFields.Topic, Utf8(topic)),
            new(StreamFields.Group, Utf8(Group)),
            new(StreamFields.Consumer, Utf8(options.ConsumerName)),
            new(StreamFields.EntryId, Utf8(entry.Id)),
            new(StreamFields.Deliveries, Utf8(deliveries.ToString(CultureInfo.InvariantCulture))),
            new(StreamFields.FailedAt, Utf8(time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture))),
        };
        if (entry[StreamFields.Data] is { } data)
        {
            fields.Insert(0, new(StreamFields.Data, data));
        }

        // Written before the acknowledgement: a crash in between dead-letters it twice rather than losing it.
        await redis.StreamAddAsync(StreamFields.DeadLetterStream(topic), fields, options.MaxStreamLength);
        await redis.AcknowledgeAsync(topic, Group, entry.Id);
        LogDeadLettered(logger, topic, entry.Id, Group, deliveries, error);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Polling topic {Topic} for group {Group} failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string topic, string group);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Consumer group {Group} of topic {Topic} is missing (Redis lost its data?): recreating it from the start of the stream")]
    private static partial void LogGroupMissing(ILogger logger, Exception exception, string topic, string group);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "Took over entry {EntryId} of topic {Topic} for group {Group}: it was left unacknowledged past the claim idle timeout")]
    private static partial void LogReclaimed(ILogger logger, string topic, string entryId, string group);

    [LoggerMessage(EventId = 113, Level = LogLevel.Error, Message = "Entry {EntryId} of topic {Topic} moved to the dead-letter stream for group {Group} after {Deliveries} deliveries: {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string topic, string entryId, string group, long deliveries, string error);
}
