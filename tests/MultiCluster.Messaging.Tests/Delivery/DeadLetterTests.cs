using System.Text;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Tests.Support;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Messaging.Tests.Delivery;

public sealed class DeadLetterTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Poison_event_goes_to_the_dead_letter_stream_with_its_error_and_does_not_block_later_events()
    {
        var topic = Support.Delivery.NewTopic();
        var poisonAttempts = 0;
        var received = new Received();
        await using var node = MessagingNode.Create(redis.Server.ConnectionString, "rebalancer");
        node.Subscriber.Subscribe(topic, (cloudEvent, cancellationToken) =>
        {
            if (cloudEvent.GetProtobufData(StringValue.Parser).Value == "poison")
            {
                Interlocked.Increment(ref poisonAttempts);
                throw new FormatException("cannot digest this load report");
            }

            return received.Handler(cloudEvent, cancellationToken);
        });
        // All four wait in the stream before the consumer starts (its group reads from the stream's start), so how long
        // publishing takes on a loaded machine cannot decide the outcome: the first read holds the poison event and the
        // good ones behind it.
        var poison = await node.Publisher.PublishAsync(topic, new StringValue { Value = "poison" }).Within();
        var good = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            good.Add((await node.Publisher.PublishAsync(topic, new StringValue { Value = $"good {i}" }).Within()).Id!);
        }

        await node.StartAsync();

        // The good events do not wait for the poison one's retries (each retry waits out the claim idle timeout).
        await received.WaitForCountAsync(3);
        Assert.Equal(good, received.Ids);
        Assert.True(poisonAttempts < Support.Delivery.MaxDeliveries, "later events were handled before the poison event ran out of attempts");

        var deadLetterStream = topic + ".dlq";
        await Eventually.TrueAsync(async () => await node.Redis.StreamLengthAsync(deadLetterStream) == 1, "the poison event dead-lettered");
        var deadLetter = Assert.Single(await node.Redis.StreamRangeAsync(deadLetterStream).Within());
        Assert.Contains("cannot digest this load report", Text(deadLetter["error"]), StringComparison.Ordinal);
        Assert.Contains("FormatException", Text(deadLetter["error"]), StringComparison.Ordinal);
        Assert.Equal(poison.Id, CloudEventFormat.Decode((byte[])deadLetter["data"]!).Id);
        Assert.Equal(("rebalancer", topic, $"{Support.Delivery.MaxDeliveries}"), (Text(deadLetter["group"]), Text(deadLetter["topic"]), Text(deadLetter["deliveries"])));
        Assert.Equal(Support.Delivery.MaxDeliveries, poisonAttempts);
        await Eventually.TrueAsync(async () => (await node.Redis.StreamPendingAsync(topic, "rebalancer")).PendingMessageCount == 0, "the poison event acknowledged on its topic");
    }

    [Fact]
    public async Task Malformed_entries_are_dead_lettered_at_once_with_what_is_wrong_and_never_reach_the_handler()
    {
        (string Entry, string Problem)[] malformed =
        [
            ("""{"hello":1}""", "specversion"),
            ("""{"specversion":"1.0","source":"s","type":"t"}""", "id"),
            ("""{"specversion":"1.0","id":"1","type":"t"}""", "source"),
            ("""{"specversion":"1.0","id":"1","source":"s"}""", "type"),
            ("""{"specversion":"1.0","id":"1","source":"s","type":"t","datacontenttype":5}""", "datacontenttype"),
            ("""{"specversion":"1.0","id":"1","source":"s","type":"t","data_base64":"not base64!"}""", "base64"),
            ("""{"specversion":"1.0",""", "Not JSON"),
        ];
        var topic = Support.Delivery.NewTopic();
        var received = new Received();
        await using var node = MessagingNode.Create(redis.Server.ConnectionString, "discovery");
        node.Subscriber.Subscribe(topic, received.Handler);
        await node.StartAsync();

        foreach (var (entry, _) in malformed)
        {
            await node.Redis.StreamAddAsync(topic, "data", entry).Within();
        }

        var good = await node.Publisher.PublishAsync(topic, new StringValue { Value = "fine" }).Within();

        await received.WaitForCountAsync(1);
        Assert.Equal(good.Id, received.Ids.Single());
        await Eventually.TrueAsync(async () => await node.Redis.StreamLengthAsync(topic + ".dlq") == malformed.Length, "every malformed entry dead-lettered");
        var deadLetters = (await node.Redis.StreamRangeAsync(topic + ".dlq").Within()).ToDictionary(d => (string)d["data"]!, d => (string)d["error"]!);
        foreach (var (entry, problem) in malformed)
        {
            Assert.StartsWith("Not a CloudEvent: ", deadLetters[entry], StringComparison.Ordinal);
            Assert.Contains(problem, deadLetters[entry], StringComparison.Ordinal);
            Assert.Equal("1", (string)(await node.Redis.StreamRangeAsync(topic + ".dlq").Within()).Single(d => (string)d["data"]! == entry)["deliveries"]!);
        }
    }

    private static string Text(byte[]? value) => Encoding.UTF8.GetString(value ?? []);
}
