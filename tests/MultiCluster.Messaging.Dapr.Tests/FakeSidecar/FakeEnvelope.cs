using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Dapr.AppCallback.Autogen.Grpc.v1;

namespace MultiCluster.Messaging.Dapr.Tests.FakeSidecar;

/// <summary>
/// What Dapr does to a structured CloudEvent between PublishEvent and OnTopicEvent, as its public code does it
/// (components-contrib pubsub.FromCloudEvent; dapr pkg/runtime/pubsub GRPCEnvelopeFromSubscriptionMessage).
/// </summary>
public static class FakeEnvelope
{
    private static readonly HashSet<string> FieldsNotExtensions = ["id", "source", "datacontenttype", "type", "specversion", "data", "data_base64"];

    /// <summary>
    /// Publishing application/cloudevents+json: the JSON object is kept, with traceid/traceparent/tracestate replaced by
    /// the sidecar's trace context (Dapr's own span, a child of the caller's traceparent; the fake has no spans and
    /// stamps the caller's, which is the same trace), topic and pubsubname added, and defaults for missing
    /// source, type and specversion.
    /// </summary>
    public static JsonObject FromCloudEvent(ByteString data, string topic, string pubSubName, string? traceParent, string? traceState)
    {
        JsonObject envelope;
        try
        {
            envelope = JsonNode.Parse(data.Span) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException exception)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"error when publishing: cloud event is not valid JSON: {exception.Message}"));
        }

        envelope["traceid"] = traceParent ?? "";
        envelope["traceparent"] = traceParent ?? "";
        envelope["tracestate"] = traceState ?? "";
        envelope["topic"] = topic;
        envelope["pubsubname"] = pubSubName;
        envelope["source"] ??= "Dapr";
        envelope["type"] ??= "com.dapr.event.sent";
        envelope["specversion"] ??= "1.0";
        return envelope;
    }

    /// <summary>The OnTopicEvent request for a stored envelope: core attributes as fields, data decoded, the rest as extensions.</summary>
    public static TopicEventRequest ToTopicEventRequest(JsonObject envelope, string topic, string pubSubName)
    {
        var request = new TopicEventRequest
        {
            Id = Text(envelope, "id"),
            Source = Text(envelope, "source"),
            Type = Text(envelope, "type"),
            SpecVersion = Text(envelope, "specversion"),
            DataContentType = Text(envelope, "datacontenttype"),
            Topic = topic,
            PubsubName = pubSubName,
        };
        if (envelope["data_base64"] is JsonValue base64)
        {
            request.Data = ByteString.FromBase64(base64.GetValue<string>());
        }
        else if (envelope["data"] is { } data)
        {
            request.Data = request.DataContentType.StartsWith("text/", StringComparison.Ordinal) && data is JsonValue text && text.TryGetValue<string>(out var value)
                ? ByteString.CopyFrom(value, Encoding.UTF8)
                : ByteString.CopyFromUtf8(data.ToJsonString());
        }

        var extensions = new JsonObject();
        foreach (var (name, value) in envelope.Where(member => !FieldsNotExtensions.Contains(member.Key)))
        {
            extensions[name] = value?.DeepClone();
        }

        request.Extensions = JsonParser.Default.Parse<Struct>(extensions.ToJsonString());
        return request;
    }

    private static string Text(JsonObject envelope, string name) =>
        envelope[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
