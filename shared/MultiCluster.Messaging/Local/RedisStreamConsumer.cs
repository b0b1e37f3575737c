using System.Globalization;
using CloudNative.CloudEvents;
using Microsoft.Extensions.Logging;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Transport;
using StackExchange.Redis;

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
internal sealed partial class RedisStreamConsumer(string topic, IDatabase redis, EventDispatcher dispatcher, RedisStreamsOptions options, TimeProvider time, ILogger logger)
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
                    await CreateGroupAsync();
                    groupReady = true;
                }

                var worked = 0;
                if (time.GetUtcNow() >= nextClaim)
                {
                    worked += await ReclaimAsync(cancellationToken);
                    nextClaim = time.GetUtcNow() + options.ClaimInterval;
                }

                // Position null is ">": entries never delivered to the group. No BLOCK (see the class summary).
                var entries = await redis.StreamReadGroupAsync(topic, Group, options.ConsumerName, position: null, count: options.BatchSize);
                foreach (var entry in entries)
                {
                    await ProcessAsync(entry, deliveries: 1, cancellationToken);
                }

                if (worked + entries.Length > 0)
                {
                    backoff.Reset();
                    continue;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (RedisServerException exception) when (exception.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
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

    private async Task CreateGroupAsync()
    {
        try
        {
            await redis.StreamCreateConsumerGroupAsync(topic, Group, ScanStart, createStream: true);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Created by another consumer of the group, or on an earlier start.
        }
    }

    private async Task<int> ReclaimAsync(CancellationToken cancellationToken)
    {
        var claimedTotal = 0;
        var cursor = ScanStart;
        for (var round = 0; round < MaxClaimRounds; round++)
        {
            var claimed = await redis.StreamAutoClaimAsync(topic, Group, options.ConsumerName, (long)options.ClaimIdleTimeout.TotalMilliseconds, cursor, options.BatchSize);
            foreach (var entry in claimed.ClaimedEntries.Where(e => !e.IsNull))
            {
                LogReclaimed(logger, topic, entry.Id, Group);
                await ProcessAsync(entry, await DeliveriesAsync(entry.Id), cancellationToken);
            }

            claimedTotal += claimed.ClaimedEntries.Length;
            cursor = claimed.NextStartId.ToString();
            if (cursor == ScanStart)
            {
                break;
            }
        }

        return claimedTotal;
    }

    // XAUTOCLAIM counted this delivery already; XPENDING tells the total.
    private async Task<long> DeliveriesAsync(RedisValue entryId)
    {
        var pending = await redis.StreamPendingMessagesAsync(topic, Group, 1, RedisValue.Null, minId: entryId, maxId: entryId);
        return pending.Length == 1 ? pending[0].DeliveryCount : 1;
    }

    private async Task ProcessAsync(StreamEntry entry, long deliveries, CancellationToken cancellationToken)
    {
        if (entry[StreamFields.Data] is not { IsNull: false } data)
        {
            await DeadLetterAsync(entry, deliveries, $"Entry has no '{StreamFields.Data}' field: it was not published through the messaging port.");
            return;
        }

        CloudEvent cloudEvent;
        try
        {
            cloudEvent = CloudEventFormat.Decode((byte[])data!);
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
            await redis.StreamAcknowledgeAsync(topic, Group, entry.Id);
        }
        else if (outcome.Status == DispatchStatus.Failed && deliveries >= options.MaxDeliveries)
        {
            await DeadLetterAsync(entry, deliveries, outcome.Error!);
        }

        // Otherwise it stays pending, and XAUTOCLAIM hands it out again after the claim idle timeout.
    }

    private async Task DeadLetterAsync(StreamEntry entry, long deliveries, string error)
    {
        var fields = new List<NameValueEntry>
        {
            new(StreamFields.Error, error),
            new(StreamFields.Topic, topic),
            new(StreamFields.Group, Group),
            new(StreamFields.Consumer, options.ConsumerName),
            new(StreamFields.EntryId, entry.Id),
            new(StreamFields.Deliveries, deliveries),
            new(StreamFields.FailedAt, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)),
        };
        if (entry[StreamFields.Data] is { IsNull: false } data)
        {
            fields.Insert(0, new(StreamFields.Data, data));
        }

        // Written before the acknowledgement: a crash in between dead-letters it twice rather than losing it.
        await redis.StreamAddAsync(StreamFields.DeadLetterStream(topic), [.. fields], maxLength: options.MaxStreamLength, useApproximateMaxLength: true);
        await redis.StreamAcknowledgeAsync(topic, Group, entry.Id);
        LogDeadLettered(logger, topic, entry.Id, Group, deliveries, error);
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Polling topic {Topic} for group {Group} failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string topic, string group);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Consumer group {Group} of topic {Topic} is missing (Redis lost its data?): recreating it from the start of the stream")]
    private static partial void LogGroupMissing(ILogger logger, Exception exception, string topic, string group);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "Took over entry {EntryId} of topic {Topic} for group {Group}: it was left unacknowledged past the claim idle timeout")]
    private static partial void LogReclaimed(ILogger logger, string topic, RedisValue entryId, string group);

    [LoggerMessage(EventId = 113, Level = LogLevel.Error, Message = "Entry {EntryId} of topic {Topic} moved to the dead-letter stream for group {Group} after {Deliveries} deliveries: {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string topic, RedisValue entryId, string group, long deliveries, string error);
}
