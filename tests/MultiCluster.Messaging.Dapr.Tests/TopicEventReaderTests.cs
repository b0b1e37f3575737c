using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Dapr.AppCallback.Autogen.Grpc.v1;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Dapr.Subscriptions;
using Xunit;

namespace MultiCluster.Messaging.Dapr.Tests;

/// <summary>Rebuilding a CloudEvent from what the sidecar sends in OnTopicEvent.</summary>
public sealed class TopicEventReaderTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public void JsonData_IsReadAsJsonAndBinaryDataAsBytes()
    {
        var json = TopicEventReader.Read(Request("application/json", ByteString.CopyFromUtf8("""{"count":3}""")));
        var binary = TopicEventReader.Read(Request("application/protobuf", ByteString.CopyFrom(1, 2, 3)));

        Assert.Equal(3, Assert.IsType<JsonElement>(json.Data).GetProperty("count").GetInt32());
        Assert.Equal([1, 2, 3], Assert.IsType<byte[]>(binary.Data));
    }

    [Fact]
    public void TraceParentExtension_IsTheEventsTraceParent()
    {
        var request = Request("application/json", ByteString.Empty);
        request.Extensions = Struct.Parser.ParseJson($$"""{"traceparent":"{{TraceParent}}","tracestate":"k=v"}""");

        var cloudEvent = TopicEventReader.Read(request, new Metadata { { "traceparent", "00-11111111111111111111111111111111-2222222222222222-01" } });

        Assert.Equal((TraceParent, "k=v"), (cloudEvent.GetTraceParent(), cloudEvent.GetTraceState()));
    }

    [Fact]
    public void NoUsableTraceParentExtension_TakesTheCallsTraceParentMetadata()
    {
        var request = Request("application/json", ByteString.Empty);
        request.Extensions = Struct.Parser.ParseJson("""{"traceparent":""}""");

        var cloudEvent = TopicEventReader.Read(request, new Metadata { { "traceparent", TraceParent } });

        Assert.Equal(TraceParent, cloudEvent.GetTraceParent());
    }

    [Fact]
    public void Extensions_AreKeptWhenCloudEventsCanHoldThemAndSkippedOtherwise()
    {
        var request = Request("application/json", ByteString.Empty);
        request.Extensions = Struct.Parser.ParseJson("""{"pubsubname":"pubsub","partition":4,"ratio":0.5,"nested":{"a":1},"Bad_Name":"x","time":"2026-11-22T07:00:00Z"}""");

        var cloudEvent = TopicEventReader.Read(request);

        var extensions = cloudEvent.GetPopulatedAttributes().Where(a => a.Key.IsExtension).ToDictionary(a => a.Key.Name, a => a.Value);
        Assert.Equal(["partition", "pubsubname"], extensions.Keys.Order());
        Assert.Equal("4", Convert.ToString(extensions["partition"], CultureInfo.InvariantCulture));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero), cloudEvent.Time);
    }

    private static TopicEventRequest Request(string contentType, ByteString data) => new()
    {
        Id = "e-1",
        Source = "discovery",
        Type = "library.v1.DomainsDiscoveredEvent",
        SpecVersion = "1.0",
        DataContentType = contentType,
        Data = data,
        Topic = "domains.discovered",
        PubsubName = "pubsub",
    };
}
