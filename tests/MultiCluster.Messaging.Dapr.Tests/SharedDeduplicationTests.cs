using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Transport;
using MultiCluster.Storage.Redis;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Messaging.Dapr.Tests;

/// <summary>
/// Under Dapr, a redelivered event may reach another instance of the service: with Redis deduplication registered
/// before the transport, every instance shares the processed ids, so the event is handled once across them.
/// </summary>
public sealed class SharedDeduplicationTests
{
    [Fact]
    public async Task EventHandledByOneInstance_IsAlreadyProcessedForAnother()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = Instance(redis);
        await using var second = Instance(redis);
        var cloudEvent = first.GetRequiredService<CloudEventFactory>().Create(new StringValue { Value = "placement changed" });

        var claim = await first.GetRequiredService<IEventDeduplicator>().TryClaimAsync("orchestrator", cloudEvent).Within();
        var whileHandled = await second.GetRequiredService<IEventDeduplicator>().TryClaimAsync("orchestrator", cloudEvent).Within();
        await first.GetRequiredService<IEventDeduplicator>().CompleteAsync(claim).Within();
        var afterwards = await second.GetRequiredService<IEventDeduplicator>().TryClaimAsync("orchestrator", cloudEvent).Within();

        Assert.Equal((ClaimStatus.Acquired, ClaimStatus.InProgressElsewhere, ClaimStatus.AlreadyProcessed), (claim.Status, whileHandled.Status, afterwards.Status));
    }

    [Fact]
    public void WithoutRedis_DeduplicationIsPerInstance()
    {
        using var alone = new ServiceCollection().AddLogging()
            .AddMessaging(new MessagingOptions { ServiceName = "orchestrator", Transport = MessagingTransports.Dapr })
            .AddDaprTransport(new DaprOptions())
            .BuildServiceProvider();

        Assert.Equal("InMemoryEventDeduplicator", alone.GetRequiredService<IEventDeduplicator>().GetType().Name);
    }

    private static ServiceProvider Instance(RedisServer redis) =>
        new ServiceCollection().AddLogging()
            .AddRedis(new RedisOptions { ConnectionString = redis.ConnectionString })
            .AddRedisEventDeduplication(new ConfigurationBuilder().Build())
            .AddMessaging(new MessagingOptions { ServiceName = "orchestrator", Transport = MessagingTransports.Dapr })
            .AddDaprTransport(new DaprOptions())
            .BuildServiceProvider();
}
