using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Tests.Support;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Messaging.Tests.Delivery;

public sealed class DeliveryTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Published_event_reaches_the_subscriber_with_its_envelope_and_data()
    {
        var topic = Support.Delivery.NewTopic();
        var received = new Received();
        await using var subscriber = Node("rebalancer");
        subscriber.Subscriber.Subscribe(topic, received.Handler);
        await subscriber.StartAsync();
        await using var publisher = Node("orchestrator");

        var sent = await publisher.Publisher.PublishAsync(topic, new StringValue { Value = "load report" }).Within();

        await received.WaitForCountAsync(1);
        var got = Assert.Single(received.Events);
        Assert.Equal((sent.Id, "orchestrator", "google.protobuf.StringValue"), (got.Id, got.Source?.OriginalString, got.Type));
        Assert.Equal("load report", got.GetProtobufData(StringValue.Parser).Value);
        await AssertAllAcknowledgedAsync(subscriber, topic, "rebalancer");
    }

    [Fact]
    public async Task Typed_subscription_receives_the_contract_message()
    {
        var topic = Support.Delivery.NewTopic();
        var tables = new List<RoutingChangedEvent>();
        await using var subscriber = Node("orchestrator");
        subscriber.Subscriber.Subscribe<RoutingChangedEvent>(topic, (message, _, _) =>
        {
            lock (tables)
            {
                tables.Add(message);
            }

            return Task.CompletedTask;
        });
        await subscriber.StartAsync();
        await using var publisher = Node("specialization");
        var change = new RoutingChangedEvent { Table = new RoutingTable { Library = "books", Version = 7 }, PreviousVersion = 6, Reason = "verified" };

        await publisher.Publisher.PublishAsync(topic, change).Within();

        await Eventually.TrueAsync(() => tables.Count == 1, "the routing change handled");
        Assert.Equal(change, tables[0]);
    }

    [Fact]
    public async Task Each_subscribing_service_gets_every_event_and_its_instances_share_them()
    {
        var topic = Support.Delivery.NewTopic();
        var first = new Received();
        var second = new Received();
        var other = new Received();
        await using var rebalancer1 = Node("rebalancer");
        await using var rebalancer2 = Node("rebalancer");
        await using var orchestrator = Node("orchestrator");
        rebalancer1.Subscriber.Subscribe(topic, first.Handler);
        rebalancer2.Subscriber.Subscribe(topic, second.Handler);
        orchestrator.Subscriber.Subscribe(topic, other.Handler);
        await Task.WhenAll(rebalancer1.StartAsync(), rebalancer2.StartAsync(), orchestrator.StartAsync()).Within();

        var sent = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            sent.Add((await orchestrator.Publisher.PublishAsync(topic, new Int32Value { Value = i }).Within()).Id!);
        }

        await other.WaitForCountAsync(40);
        await Eventually.TrueAsync(() => first.Events.Count + second.Events.Count >= 40, "the rebalancer instances to handle 40 events");
        Assert.Equal(sent.Order(), other.Ids.Order());
        Assert.Equal(sent.Order(), first.Ids.Concat(second.Ids).Order());
    }

    [Fact]
    public async Task Events_of_a_topic_reach_one_instance_in_publish_order()
    {
        var topic = Support.Delivery.NewTopic();
        var received = new Received();
        await using var node = Node("discovery");
        node.Subscriber.Subscribe(topic, received.Handler);
        await node.StartAsync();

        var sent = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            sent.Add((await node.Publisher.PublishAsync(topic, new Int32Value { Value = i }).Within()).Id!);
        }

        await received.WaitForCountAsync(25);
        Assert.Equal(sent, received.Ids);
    }

    [Fact]
    public async Task Event_whose_handler_failed_is_delivered_again_and_then_acknowledged()
    {
        var topic = Support.Delivery.NewTopic();
        var attempts = 0;
        var received = new Received();
        await using var node = Node("discovery");
        node.Subscriber.Subscribe(topic, (cloudEvent, cancellationToken) =>
            Interlocked.Increment(ref attempts) == 1 ? throw new InvalidOperationException("transient") : received.Handler(cloudEvent, cancellationToken));
        await node.StartAsync();

        await node.Publisher.PublishAsync(topic, new StringValue { Value = "retry me" }).Within();

        await received.WaitForCountAsync(1);
        Assert.Equal(2, attempts);
        await AssertAllAcknowledgedAsync(node, topic, "discovery");
    }

    [Fact]
    public async Task Same_event_published_twice_is_handled_once_and_both_copies_acknowledged()
    {
        var topic = Support.Delivery.NewTopic();
        var received = new Received();
        await using var node = Node("rebalancer");
        node.Subscriber.Subscribe(topic, received.Handler);
        await node.StartAsync();
        var cloudEvent = await node.Publisher.PublishAsync(topic, new StringValue { Value = "once" }).Within();
        await node.Publisher.PublishAsync(topic, cloudEvent).Within();
        var marker = await node.Publisher.PublishAsync(topic, new StringValue { Value = "after" }).Within();

        await Eventually.TrueAsync(() => received.Ids.Contains(marker.Id), "the event after the duplicate");

        Assert.Equal([cloudEvent.Id!, marker.Id!], received.Ids);
        Assert.Equal(3, await node.Redis.StreamLengthAsync(topic).Within());
        await AssertAllAcknowledgedAsync(node, topic, "rebalancer");
    }

    private MessagingNode Node(string service) => MessagingNode.Create(redis.Server.ConnectionString, service);

    private static Task AssertAllAcknowledgedAsync(MessagingNode node, string topic, string group) =>
        Eventually.TrueAsync(async () => (await node.Redis.StreamPendingAsync(topic, group)).PendingMessageCount == 0, $"no pending entries for {group} on {topic}");
}
