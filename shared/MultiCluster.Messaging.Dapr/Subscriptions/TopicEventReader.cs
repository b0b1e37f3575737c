using System.Diagnostics;
using System.Text.Json;
using CloudNative.CloudEvents;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Messaging.CloudEvents;
using Dapr.AppCallback.Autogen.Grpc.v1;

namespace MultiCluster.Messaging.Dapr.Subscriptions;

/// <summary>
/// Rebuilds the CloudEvent the sidecar took apart into a TopicEventRequest (core attributes as fields, data decoded,
/// everything else, traceparent included, in extensions) by writing it back in the JSON format and reading that with
/// <see cref="CloudEventFormat"/>, so both transports accept exactly the same events. An event that breaks the format
/// throws <see cref="CloudEventFormatException"/>. When the event carries no usable traceparent, the call's
/// traceparent metadata (the sidecar's delivery span) stands in.
/// </summary>
internal static class TopicEventReader
{
    // Written from the request's own fields; an extension of the same name would make a second member.
    private static readonly HashSet<string> CoreFields = new(StringComparer.Ordinal)
    {
        "specversion", "id", "source", "type", "datacontenttype", "data", "data_base64",
    };

    public static CloudEvent Read(TopicEventRequest request, Metadata? callHeaders = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteIfSet(writer, "specversion", request.SpecVersion);
            WriteIfSet(writer, "id", request.Id);
            WriteIfSet(writer, "source", request.Source);
            WriteIfSet(writer, "type", request.Type);
            WriteIfSet(writer, "datacontenttype", request.DataContentType);
            WriteExtensions(writer, request.Extensions);
            TopicEventData.Write(writer, request.Data.Memory, request.DataContentType);
            writer.WriteEndObject();
        }

        var cloudEvent = CloudEventFormat.Decode(buffer.ToArray());
        var fromCall = callHeaders?.GetValue("traceparent");
        return HasTraceContext(cloudEvent.GetTraceParent()) || !HasTraceContext(fromCall)
            ? cloudEvent
            : cloudEvent.SetTraceContext(fromCall, callHeaders!.GetValue("tracestate"));
    }

    private static bool HasTraceContext(string? traceParent) => traceParent is not null && ActivityContext.TryParse(traceParent, null, out _);

    // Dapr adds its own (topic, pubsubname, traceid) beside the producer's. Values that are not CloudEvents attribute
    // types (objects, lists, fractions: a Struct makes every number a double) or whose names are not attribute names
    // are skipped: they cannot be extensions, and no handler needs them to handle the event.
    private static void WriteExtensions(Utf8JsonWriter writer, Struct? extensions)
    {
        foreach (var (name, value) in extensions?.Fields ?? [])
        {
            if (CoreFields.Contains(name) || !IsAttributeName(name))
            {
                continue;
            }

            switch (value.KindCase)
            {
                case Value.KindOneofCase.StringValue:
                    writer.WriteString(name, value.StringValue);
                    break;
                case Value.KindOneofCase.BoolValue:
                    writer.WriteBoolean(name, value.BoolValue);
                    break;
                case Value.KindOneofCase.NumberValue when double.IsInteger(value.NumberValue) && value.NumberValue is >= int.MinValue and <= int.MaxValue:
                    writer.WriteNumber(name, (int)value.NumberValue);
                    break;
            }
        }
    }

    private static bool IsAttributeName(string name) => name.Length > 0 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string value)
    {
        if (value.Length > 0)
        {
            writer.WriteString(name, value);
        }
    }
}
