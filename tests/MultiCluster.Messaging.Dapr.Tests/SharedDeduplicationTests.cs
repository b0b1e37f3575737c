using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Dapr.Tests.FakeSidecar;
using MultiCluster.Messaging.Dapr.Tests.Infrastructure;
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
    private const string Topic = "routing.changed";

    [Fact]
    public async Task EventRedeliveredToAnotherInstance_IsAcknowledgedWithoutBeingHandledAgain_WhenTheyShareRedis()
    {
        await using var redis = await RedisServer.StartAsync();

        var (first, second) = await HandleThenRedeliverToAnotherInstanceAsync(new Dictionary<string, string?> { ["Redis:ConnectionString"] = redis.ConnectionString });

        Assert.Equal((1, 0), (first, second));
    }

    [Fact]
    public async Task EventRedeliveredToAnotherInstance_IsHandledAgain_WithoutRedis()
    {
        // What the shared deduplication is for: an instance alone only remembers the events it handled itself.
        var (first, second) = await HandleThenRedeliverToAnotherInstanceAsync(settings: null);

        Assert.Equal((1, 1), (first, second));
    }

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

    /// <summary>
    /// Two instances of "orchestrator"; the first handles an event, then its acknowledgement is taken as lost and the
    /// broker delivers the event again to the second. Returns how often each instance's handler ran.
    /// </summary>
    private static async Task<(int First, int Second)> HandleThenRedeliverToAnotherInstanceAsync(IReadOnlyDictionary<string, string?>? settings)
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        var (first, second) = (new Recording<ReceivedEvent>(), new Recording<ReceivedEvent>());
        await using var firstInstance = await DaprTestApp.StartAsync(sidecar, "orchestrator", s => s.Subscribe(Topic, Handlers.Record(first, Topic)), settings);
        await using var secondInstance = await DaprTestApp.StartAsync(sidecar, "orchestrator", s => s.Subscribe(Topic, Handlers.Record(second, Topic)), settings, register: false);
        await using var publisher = await DaprTestApp.StartAsync(sidecar, "specialization");

        await publisher.Publisher.PublishAsync(Topic, new StringValue { Value = "v3" }).Within();
        await sidecar.Deliveries.WaitForAsync(d => d.Any(a => a.Outcome == DeliveryAttempt.Success), "the first delivery acknowledged");
        await sidecar.RegisterAppAsync("orchestrator", secondInstance.Address).Within();
        sidecar.Redeliver("orchestrator", sidecar.Published.Snapshot().Single());
        var deliveries = await sidecar.Deliveries.WaitForAsync(d => d.Count(a => a.Outcome == DeliveryAttempt.Success) == 2, "the redelivery acknowledged");

        Assert.Equal(2, deliveries.Count);
        return (first.Snapshot().Count, second.Snapshot().Count);
    }

    private static ServiceProvider Instance(RedisServer redis) =>
        new ServiceCollection().AddLogging()
            .AddRedis(new RedisOptions { ConnectionString = redis.ConnectionString })
            .AddRedisEventDeduplication(new ConfigurationBuilder().Build())
            .AddMessaging(new MessagingOptions { ServiceName = "orchestrator", Transport = MessagingTransports.Dapr })
            .AddDaprTransport(new DaprOptions())
            .BuildServiceProvider();
}
