using System.Text;
using System.Text.Json;
using MultiCluster.Messaging.CloudEvents;

namespace MultiCluster.Messaging.Dapr.Subscriptions;

/// <summary>
/// Puts a TopicEventRequest's data back where the JSON format keeps it. Dapr sends the decoded bytes of data_base64,
/// the text of string data, or the JSON of JSON data; the content type says which: JSON types go back in "data" as a
/// JSON value, text types as a string, anything else (our protobuf) in "data_base64".
/// </summary>
internal static class TopicEventData
{
    public static void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte> data, string contentType)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (string.IsNullOrEmpty(contentType))
        {
            // Unset means application/json by the JSON format's rule, but Dapr passes data_base64 bytes of any kind.
            if (TryParse(data) is { } json)
            {
                WriteJson(writer, json);
            }
            else
            {
                writer.WriteBase64String("data_base64", data.Span);
            }
        }
        else if (CloudEventFormat.IsJson(contentType))
        {
            WriteJson(writer, TryParse(data) ?? throw new CloudEventFormatException($"The event's data is not JSON, though its datacontenttype is {contentType}."));
        }
        else if (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            writer.WriteString("data", Encoding.UTF8.GetString(data.Span));
        }
        else
        {
            writer.WriteBase64String("data_base64", data.Span);
        }
    }

    private static void WriteJson(Utf8JsonWriter writer, JsonDocument json)
    {
        using (json)
        {
            writer.WritePropertyName("data");
            json.RootElement.WriteTo(writer);
        }
    }

    private static JsonDocument? TryParse(ReadOnlyMemory<byte> data)
    {
        try
        {
            return JsonDocument.Parse(data);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
