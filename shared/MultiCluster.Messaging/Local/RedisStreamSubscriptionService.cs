using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiCluster.Messaging.Transport;
using StackExchange.Redis;

namespace MultiCluster.Messaging.Local;

/// <summary>Runs one <see cref="RedisStreamConsumer"/> per subscribed topic while the host runs; stopping leaves in-flight events unacknowledged.</summary>
internal sealed partial class RedisStreamSubscriptionService(
    SubscriptionRegistry registry, IConnectionMultiplexer redis, EventDispatcher dispatcher, RedisStreamsOptions options, TimeProvider time, ILoggerFactory loggers)
    : BackgroundService
{
    private IReadOnlyCollection<string> _topics = [];

    /// <summary>Fixes the subscriptions while the host starts (ExecuteAsync runs later, on the thread pool).</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _topics = registry.Freeze();
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var topics = _topics;
        var logger = loggers.CreateLogger<RedisStreamConsumer>();
        LogStarting(logger, dispatcher.ConsumerGroup, options.ConsumerName, topics);
        return Task.WhenAll(topics.Select(topic =>
            Task.Run(() => new RedisStreamConsumer(topic, redis.GetDatabase(), dispatcher, options, time, logger).RunAsync(stoppingToken), CancellationToken.None)));
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Group {Group} consumer {Consumer} reading topics: {Topics}")]
    private static partial void LogStarting(ILogger logger, string group, string consumer, IReadOnlyCollection<string> topics);
}
