using System.Text.Json;
using CloudNative.CloudEvents;
using Google.Protobuf;

namespace MultiCluster.Messaging.CloudEvents;

/// <summary>Reads an event's data as the type its handler expects.</summary>
public static class CloudEventDataExtensions
{
    /// <summary>Parses protobuf data (data_base64); an event without binary data is refused with its type named.</summary>
    public static T GetProtobufData<T>(this CloudEvent cloudEvent, MessageParser<T> parser)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        ArgumentNullException.ThrowIfNull(parser);
        if (cloudEvent.Data is not byte[] data)
        {
            throw new CloudEventFormatException(
                $"Event {cloudEvent.Id} of type {cloudEvent.Type} carries no binary data (datacontenttype {cloudEvent.DataContentType ?? "unset"}); expected protobuf in data_base64.");
        }

        return parser.ParseFrom(data);
    }

    /// <summary>Deserializes JSON data ("data") with System.Text.Json.</summary>
    public static T? GetJsonData<T>(this CloudEvent cloudEvent, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return cloudEvent.Data is JsonElement data
            ? data.Deserialize<T>(options)
            : throw new CloudEventFormatException($"Event {cloudEvent.Id} of type {cloudEvent.Type} carries no JSON data.");
    }
}
