using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Transport;
using MultiCluster.Storage.Redis;

namespace MultiCluster.Messaging.Local;

/// <summary>Publishes to the topic's stream (XADD); returning means Redis acknowledged the entry.</summary>
internal sealed class RedisStreamTransport(RedisClient redis, RedisStreamsOptions options) : IEventTransport
{
    public string MessagingSystem => "redis";

    public Task SendAsync(string topic, CloudEvent cloudEvent, CancellationToken cancellationToken) =>
        redis.StreamAddAsync(topic, [new(StreamFields.Data, CloudEventJson.Serialize(cloudEvent))], options.MaxStreamLength).WaitAsync(cancellationToken);
}
