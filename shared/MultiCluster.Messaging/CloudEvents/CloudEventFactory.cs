using System.Diagnostics;
using System.Text.Json;
using CloudNative.CloudEvents;
using Google.Protobuf;

namespace MultiCluster.Messaging.CloudEvents;

/// <summary>
/// Makes the envelopes this service publishes: a fresh time-ordered id, the service name as source, the current time,
/// and the W3C trace context of <see cref="Activity.Current"/>, so the event continues the trace that caused it.
/// </summary>
public sealed class CloudEventFactory(MessagingOptions options, TimeProvider time)
{
    /// <summary>The datacontenttype of protobuf data, as our services publish.</summary>
    public const string ProtobufContentType = "application/protobuf";

    public const string JsonContentType = "application/json";

    /// <summary>A protobuf message as data_base64; the type is the message's full name ("library.v1.RoutingChangedEvent").</summary>
    public CloudEvent Create(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return New(message.Descriptor.FullName, ProtobufContentType, message.ToByteArray());
    }

    /// <summary>A JSON payload under an explicit type, for events that are not protobuf messages.</summary>
    public CloudEvent CreateJson<T>(string type, T data)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        return New(type, JsonContentType, JsonSerializer.SerializeToElement(data));
    }

    private CloudEvent New(string type, string contentType, object data)
    {
        var current = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity : null;
        return new CloudEvent(DistributedTracingExtension.AllAttributes)
        {
            Id = Guid.CreateVersion7().ToString(),
            Source = new Uri(options.ServiceName, UriKind.RelativeOrAbsolute),
            Type = type,
            Time = time.GetUtcNow(),
            DataContentType = contentType,
            Data = data,
        }.SetTraceContext(current?.Id, current?.TraceStateString);
    }
}
