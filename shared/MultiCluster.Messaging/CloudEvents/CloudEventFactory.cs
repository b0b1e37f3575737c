using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf;

namespace MultiCluster.Messaging.CloudEvents;

/// <summary>
/// Makes the envelopes this service publishes: a fresh time-ordered id, the service name as source, the current time,
/// and the W3C trace context of <see cref="Activity.Current"/>, so the event continues the trace that caused it.
/// </summary>
public sealed class CloudEventFactory(MessagingOptions options, TimeProvider time)
{
    /// <summary>A protobuf message as data_base64; the type is the message's full name ("library.v1.RoutingChangedEvent").</summary>
    public CloudEvent Create(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Stamp(new CloudEvent
        {
            Id = NewId(),
            Source = options.ServiceName,
            Type = message.Descriptor.FullName,
            DataContentType = ContentTypes.Protobuf,
            BinaryData = message.ToByteArray(),
        });
    }

    /// <summary>A JSON payload under an explicit type, for events that are not protobuf messages.</summary>
    public CloudEvent CreateJson<T>(string type, T data)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        return Stamp(new CloudEvent
        {
            Id = NewId(),
            Source = options.ServiceName,
            Type = type,
            DataContentType = ContentTypes.Json,
            Data = JsonSerializer.SerializeToElement(data),
        });
    }

    private static string NewId() => Guid.CreateVersion7().ToString();

    private CloudEvent Stamp(CloudEvent cloudEvent)
    {
        var current = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity : null;
        return cloudEvent with
        {
            Time = time.GetUtcNow(),
            TraceParent = current?.Id,
            TraceState = current?.TraceStateString,
        };
    }
}
