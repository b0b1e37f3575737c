using Google.Protobuf.WellKnownTypes;
using MultiCluster.Messaging.Tests.Support;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Messaging.Tests.Delivery;

public sealed class TakeoverTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Event_read_by_a_consumer_that_died_is_taken_over_by_another_instance()
    {
        var topic = Support.Delivery.NewTopic();
        await using var publisher = Node("orchestrator");
        var sent = await publisher.Publisher.PublishAsync(topic, new StringValue { Value = "orphan" }).Within();

        // A consumer of the group reads the event and vanishes without acknowledging it, as a killed process does.
        await publisher.Redis.StreamCreateConsumerGroupAsync(topic, "rebalancer", "0-0").Within();
        Assert.Single(await publisher.Redis.StreamReadGroupAsync(topic, "rebalancer", "killed-instance", count: 10).Within());

        var received = new Received();
        await using var survivor = Node("rebalancer");
        survivor.Subscriber.Subscribe(topic, received.Handler);
        await survivor.StartAsync();

        await received.WaitForCountAsync(1);
        Assert.Equal(sent.Id, Assert.Single(received.Events).Id);
        await Eventually.TrueAsync(async () => (await survivor.Redis.StreamPendingAsync(topic, "rebalancer")).PendingMessageCount == 0, "the taken-over event acknowledged");
    }

    [Fact]
    public async Task Event_of_an_instance_stopped_mid_handler_is_handled_by_another_instance()
    {
        var topic = Support.Delivery.NewTopic();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var completedByFirst = false;
        await using var first = Node("specialization");
        first.Subscriber.Subscribe(topic, async (_, cancellationToken) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            completedByFirst = true;
        });
        await first.StartAsync();
        var received = new Received();
        await using var second = Node("specialization");
        second.Subscriber.Subscribe(topic, received.Handler);

        var sent = await first.Publisher.PublishAsync(topic, new StringValue { Value = "long job" }).Within();
        await started.Task.Within();
        await first.StopAsync();
        await second.StartAsync();

        await received.WaitForCountAsync(1);
        Assert.Equal(sent.Id, Assert.Single(received.Events).Id);
        Assert.False(completedByFirst);
        await Eventually.TrueAsync(async () => (await second.Redis.StreamPendingAsync(topic, "specialization")).PendingMessageCount == 0, "the taken-over event acknowledged");
    }

    private MessagingNode Node(string service) => MessagingNode.Create(redis.Server.ConnectionString, service);
}
