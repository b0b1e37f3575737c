using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging.CloudEvents;
using Xunit;

namespace MultiCluster.Messaging.Tests.CloudEvents;

public sealed class CloudEventFactoryTests
{
    private readonly CloudEventFactory _factory = new(new MessagingOptions { ServiceName = "specialization" }, TimeProvider.System);

    [Fact]
    public void Protobuf_message_travels_as_base64_data_under_its_full_name()
    {
        var message = new RoutingChangedEvent { Reason = "migration of d0004 verified", PreviousVersion = 6 };

        var cloudEvent = _factory.Create(message);
        var encoded = CloudEventFormat.Encode(cloudEvent);
        var json = JsonDocument.Parse(encoded).RootElement;

        Assert.Equal("library.v1.RoutingChangedEvent", json.GetProperty("type").GetString());
        Assert.Equal("specialization", json.GetProperty("source").GetString());
        Assert.Equal("application/protobuf", json.GetProperty("datacontenttype").GetString());
        Assert.False(json.TryGetProperty("data", out _));
        Assert.Equal(message, RoutingChangedEvent.Parser.ParseFrom(json.GetProperty("data_base64").GetBytesFromBase64()));
        Assert.Equal(message, CloudEventFormat.Decode(encoded).GetProtobufData(RoutingChangedEvent.Parser));
    }

    [Fact]
    public void Each_event_gets_a_new_id_and_the_current_time()
    {
        var before = DateTimeOffset.UtcNow;

        var first = _factory.Create(new StringValue { Value = "a" });
        var second = _factory.Create(new StringValue { Value = "a" });

        Assert.NotEqual(first.Id, second.Id);
        Assert.InRange(first.Time!.Value, before, DateTimeOffset.UtcNow);
    }

    [Fact]
    public void Event_made_inside_an_activity_carries_its_trace_context()
    {
        using var activity = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.TraceStateString = "vendor=1";

        var cloudEvent = _factory.Create(new StringValue { Value = "x" });

        Assert.Equal(activity.Id, cloudEvent.GetTraceParent());
        Assert.Equal("vendor=1", cloudEvent.GetTraceState());
    }

    [Fact]
    public void Json_event_keeps_its_payload_as_json_data()
    {
        var cloudEvent = _factory.CreateJson("com.example.noted", new { Note = "hi", Count = 2 });

        Assert.Equal("application/json", cloudEvent.DataContentType);
        Assert.Equal(2, Assert.IsType<JsonElement>(cloudEvent.Data).GetProperty("Count").GetInt32());
    }

    [Fact]
    public void Reading_protobuf_from_an_event_without_binary_data_names_the_event()
    {
        var cloudEvent = _factory.CreateJson("com.example.noted", 1);

        var failure = Assert.Throws<CloudEventFormatException>(() => cloudEvent.GetProtobufData(StringValue.Parser));

        Assert.Contains(cloudEvent.Id!, failure.Message, StringComparison.Ordinal);
    }
}
