using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Dapr.Tests.FakeSidecar;
using MultiCluster.Messaging.Dapr.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Messaging.Dapr.Tests;

/// <summary>Publishing through the sidecar's PublishEvent and delivery back through the subscriber's AppCallback.</summary>
public sealed class PublishAndDeliverTests
{
    private const string Topic = "cluster.load";

    [Fact]
    public async Task PublishedEvent_ReachesTheSubscriberWithSameIdTypeDataAndTrace()
    {
        using var tracing = new TraceCapture();
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        var received = new Recording<ReceivedEvent>();
        await using var subscriber = await DaprTestApp.StartAsync(sidecar, "rebalancer", s => s.Subscribe(Topic, Handlers.Record(received, Topic)));
        await using var publisher = await DaprTestApp.StartAsync(sidecar, "orchestrator");

        using var parent = new Activity("test operation").Start();
        var sent = await publisher.Publisher.PublishAsync(Topic, new StringValue { Value = "42 qps" }).Within();
        parent.Stop();

        var got = (await received.WaitForAsync(r => r.Count > 0, "the event at the subscriber")).Single();
        Assert.Equal(sent.Id, got.Event.Id);
        Assert.Equal("orchestrator", got.Event.Source?.OriginalString);
        Assert.Equal("google.protobuf.StringValue", got.Event.Type);
        Assert.Equal("42 qps", got.Event.GetProtobufData(StringValue.Parser).Value);
        Assert.Equal(parent.TraceId, got.TraceId);
        Assert.Contains(parent.TraceId.ToHexString(), got.Event.GetTraceParent(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_SendsOurWholeEnvelopeAsAStructuredCloudEventToThePubSubComponent()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        await using var publisher = await DaprTestApp.StartAsync(sidecar, "discovery", settings: new Dictionary<string, string?> { ["Messaging:Dapr:PubSubName"] = "events" });

        var sent = await publisher.Publisher.PublishAsync("domains.discovered", new StringValue { Value = "map v7" }).Within();

        var published = Assert.Single(sidecar.Published.Snapshot());
        Assert.Equal(("events", "domains.discovered"), (published.PubSubName, published.Topic));
        Assert.Equal(sent.Id, published.Id);
        Assert.Equal("discovery", published.Envelope["source"]!.GetValue<string>());
        Assert.Equal(CloudEventFactory.ProtobufContentType, published.Envelope["datacontenttype"]!.GetValue<string>());
        Assert.NotNull(published.Envelope["data_base64"]);
    }

    [Fact]
    public async Task SameEventDeliveredTwice_IsAcknowledgedWithoutRunningTheHandlerAgain()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        var received = new Recording<ReceivedEvent>();
        await using var subscriber = await DaprTestApp.StartAsync(sidecar, "rebalancer", s => s.Subscribe(Topic, Handlers.Record(received, Topic)));
        await using var publisher = await DaprTestApp.StartAsync(sidecar, "orchestrator");

        // As the outbox relay does after a crash between publishing and marking the row sent: same envelope, same id.
        var sent = await publisher.Publisher.PublishAsync(Topic, new StringValue { Value = "once" }).Within();
        await publisher.Publisher.PublishAsync(Topic, sent).Within();

        // Both are acknowledged (the second may first meet the first in progress and be retried).
        await sidecar.Deliveries.WaitForAsync(d => d.Count(a => a.Outcome == DeliveryAttempt.Success) == 2, "both deliveries acknowledged");
        Assert.Single(received.Snapshot());
    }
}
