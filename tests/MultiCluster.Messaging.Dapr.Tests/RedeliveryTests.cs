using Google.Protobuf.WellKnownTypes;
using MultiCluster.Messaging.Dapr.Tests.FakeSidecar;
using MultiCluster.Messaging.Dapr.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Messaging.Dapr.Tests;

/// <summary>What the app answers when its handler fails, and what the sidecar then does with the event.</summary>
public sealed class RedeliveryTests
{
    private const string Topic = "routing.changed";

    [Fact]
    public async Task HandlerThrows_AnswersRetryAndTheSidecarRedeliversTheSameEvent()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        var received = new Recording<ReceivedEvent>();
        await using var subscriber = await DaprTestApp.StartAsync(sidecar, "orchestrator", s => s.Subscribe(Topic, Handlers.Record(received, Topic, failFirst: 1)));
        await using var publisher = await DaprTestApp.StartAsync(sidecar, "specialization");

        var sent = await publisher.Publisher.PublishAsync(Topic, new StringValue { Value = "v2" }).Within();

        var deliveries = await sidecar.Deliveries.WaitForAsync(d => d.Any(a => a.Outcome == DeliveryAttempt.Success), "a successful redelivery");
        Assert.Equal([DeliveryAttempt.Retry, DeliveryAttempt.Success], deliveries.Select(d => d.Outcome));
        Assert.Equal([sent.Id, sent.Id], received.Snapshot().Select(r => r.Event.Id));
    }

    [Fact]
    public async Task HandlerKeepsFailing_EventIsDroppedAfterMaxDeliveriesToTheDeadLetterTopic()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        var received = new Recording<ReceivedEvent>();
        await using var subscriber = await DaprTestApp.StartAsync(
            sidecar, "orchestrator", s => s.Subscribe(Topic, Handlers.Record(received, Topic, failFirst: int.MaxValue)),
            settings: new Dictionary<string, string?> { ["Messaging:Dapr:MaxDeliveries"] = "3" });
        await using var publisher = await DaprTestApp.StartAsync(sidecar, "specialization");

        var sent = await publisher.Publisher.PublishAsync(Topic, new StringValue { Value = "poison" }).Within();

        var deliveries = await sidecar.Deliveries.WaitForAsync(d => d.Any(a => a.Outcome == DeliveryAttempt.Drop), "the event dropped");
        Assert.Equal([DeliveryAttempt.Retry, DeliveryAttempt.Retry, DeliveryAttempt.Drop], deliveries.Select(d => d.Outcome));
        Assert.Equal(3, received.Snapshot().Count);
        var deadLetter = await sidecar.Published.WaitForAsync(p => p.Any(e => e.Topic == Topic + ".dlq"), "the dead letter");
        Assert.Equal(sent.Id, deadLetter.Single(e => e.Topic == Topic + ".dlq").Id);
    }
}
