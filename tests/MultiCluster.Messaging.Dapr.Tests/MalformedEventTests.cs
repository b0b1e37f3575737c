using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Grpc.Net.Client;
using Dapr.AppCallback.Autogen.Grpc.v1;
using MultiCluster.Messaging.Dapr.Tests.FakeSidecar;
using MultiCluster.Messaging.Dapr.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;
using Status = Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types.TopicEventResponseStatus;

namespace MultiCluster.Messaging.Dapr.Tests;

/// <summary>Events no redelivery can fix are answered DROP at once, and their handler never runs.</summary>
public sealed class MalformedEventTests : IAsyncLifetime
{
    private const string Topic = "domains.discovered";
    private readonly Recording<ReceivedEvent> _received = new();
    private FakeDaprSidecar _sidecar = null!;
    private DaprTestApp _app = null!;

    public async Task InitializeAsync()
    {
        _sidecar = await FakeDaprSidecar.StartAsync();
        _app = await DaprTestApp.StartAsync(_sidecar, "specialization", s => s.Subscribe(Topic, Handlers.Record(_received, Topic)));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sidecar.DisposeAsync();
    }

    [Fact]
    public async Task ForeignEventOfAnotherSpecVersion_IsDroppedToTheDeadLetterTopicWithoutCallingTheHandler()
    {
        using var channel = GrpcChannel.ForAddress(_sidecar.Address);
        var foreignPublisher = new global::Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient(channel);

        await foreignPublisher.PublishEventAsync(new PublishEventRequest
        {
            PubsubName = "pubsub",
            Topic = Topic,
            DataContentType = "application/cloudevents+json",
            Data = ByteString.CopyFromUtf8("""{"specversion":"0.3","id":"legacy-1","source":"legacy","type":"legacy.event","data":{"a":1}}"""),
        }).ResponseAsync.Within();

        var deliveries = await _sidecar.Deliveries.WaitForAsync(d => d.Count > 0, "the delivery");
        Assert.Equal(DeliveryAttempt.Drop, Assert.Single(deliveries).Outcome);
        await _sidecar.Published.WaitForAsync(p => p.Any(e => e.Topic == Topic + ".dlq" && e.Id == "legacy-1"), "the dead letter");
        Assert.Empty(_received.Snapshot());
    }

    [Theory]
    [InlineData("", "application/json", "{}")]
    [InlineData("e-2", "application/json", "not json")]
    public async Task EventWithoutIdOrWithUnreadableData_IsAnsweredDrop(string id, string contentType, string data)
    {
        using var channel = GrpcChannel.ForAddress(_app.Address);
        var request = new TopicEventRequest
        {
            Id = id,
            Source = "somewhere",
            Type = "some.event",
            SpecVersion = "1.0",
            DataContentType = contentType,
            Data = ByteString.CopyFromUtf8(data),
            Topic = Topic,
            PubsubName = "pubsub",
        };

        var response = await new AppCallbackCaller(channel.CreateCallInvoker()).OnTopicEventAsync(request).ResponseAsync.Within();

        Assert.Equal(Status.Drop, response.Status);
        Assert.Empty(_received.Snapshot());
    }

    [Fact]
    public async Task EventForATopicWithoutHandler_IsAnsweredDrop()
    {
        using var channel = GrpcChannel.ForAddress(_app.Address);
        var request = new TopicEventRequest { Id = "e-3", Source = "s", Type = "t", SpecVersion = "1.0", Topic = "not.subscribed", PubsubName = "pubsub" };

        var response = await new AppCallbackCaller(channel.CreateCallInvoker()).OnTopicEventAsync(request).ResponseAsync.Within();

        Assert.Equal(Status.Drop, response.Status);
    }
}
