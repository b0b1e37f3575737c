using CloudNative.CloudEvents;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Transport;
using StackExchange.Redis;

namespace MultiCluster.Messaging.Local;

/// <summary>Publishes to the topic's stream (XADD); returning means Redis acknowledged the entry.</summary>
internal sealed class RedisStreamTransport(IConnectionMultiplexer connection, RedisStreamsOptions options) : IEventTransport
{
    private readonly IDatabase _redis = connection.GetDatabase();

    public string MessagingSystem => "redis";

    public Task SendAsync(string topic, CloudEvent cloudEvent, CancellationToken cancellationToken) =>
        _redis.StreamAddAsync(topic, [new(StreamFields.Data, CloudEventFormat.Encode(cloudEvent))], maxLength: options.MaxStreamLength, useApproximateMaxLength: true)
            .WaitAsync(cancellationToken);
}
