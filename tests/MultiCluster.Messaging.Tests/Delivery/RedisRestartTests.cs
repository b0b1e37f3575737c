using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Messaging.Tests.Support;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Messaging.Tests.Delivery;

/// <summary>
/// The server runs with appendonly yes and appendfsync always: Redis replies to XADD, XACK and SET only after the
/// write is fsynced, so whatever it acknowledged survives a crash (everysec could lose the last second on a power cut).
/// </summary>
public sealed class RedisRestartTests
{
    [Fact]
    public async Task Redis_crashed_and_restarted_mid_stream_loses_no_acknowledged_event()
    {
        await using var server = await RedisServer.StartAsync();
        var topic = Support.Delivery.NewTopic();
        var received = new Received();
        await using var subscriber = MessagingNode.Create(server.ConnectionString, "rebalancer");
        subscriber.Subscriber.Subscribe(topic, received.Handler);
        await subscriber.StartAsync();
        await using var publisher = MessagingNode.Create(server.ConnectionString, "orchestrator");
        var acknowledged = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var publishing = Task.Run(() => PublishUntilStoppedAsync(publisher, topic, acknowledged, stop.Token));

        await Eventually.TrueAsync(() => received.Events.Count >= 20, "events flowing before the crash");
        await server.KillAsync();
        await Task.Delay(300);
        await server.RestartAsync();
        var acknowledgedAtRestart = acknowledged.Count;
        await Eventually.TrueAsync(() => acknowledged.Count >= acknowledgedAtRestart + 20, "publishing to resume after the restart");
        await stop.CancelAsync();
        await publishing.Within();

        var expected = acknowledged.ToHashSet();
        await Eventually.TrueAsync(() => expected.IsSubsetOf(received.Ids), $"all {expected.Count} acknowledged events handled");

        // At least once, not exactly once: the one event whose handler had finished when Redis died, but whose "done"
        // mark Redis never stored, is handled again once its claim lapses. Any other repeat is a deduplication bug.
        var repeated = received.Ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        Assert.True(repeated.Count <= 1 && !repeated.Exists(r => !r.EndsWith(" x2", StringComparison.Ordinal)), "handled more than once: " + string.Join(", ", repeated));
    }

    private static async Task PublishUntilStoppedAsync(MessagingNode publisher, string topic, ConcurrentQueue<string> acknowledged, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                var sent = await publisher.Publisher.PublishAsync(topic, new Int32Value { Value = i }, CancellationToken.None).Within();
                acknowledged.Enqueue(sent.Id!);
            }
            catch (Exception)
            {
                // Redis is down (whatever the client throws for it, cancellation included): this one was not
                // acknowledged, so it may or may not exist. The loop itself ends only through stop.
            }

            await Task.Delay(2, CancellationToken.None);
        }
    }
}
