using System.Text.Json;
using CloudNative.CloudEvents.SystemTextJson;
using CloudNative.CloudEvents;

namespace MultiCluster.Messaging.CloudEvents;

/// <summary>
/// How events travel: whole, in the CloudEvents JSON format (structured mode, application/cloudevents+json), written
/// and read by the SDK's <see cref="JsonEventFormatter"/>. Our protobuf data goes as data_base64; JSON data as "data".
/// Reading checks what the format requires and turns every way an event can break it into one
/// <see cref="CloudEventFormatException"/> whose message names the problem, so consumers can dead-letter it with that.
/// </summary>
public static class CloudEventFormat
{
    /// <summary>A whole event in the JSON format (structured mode).</summary>
    public const string MediaType = "application/cloudevents+json";

    private static readonly JsonEventFormatter Formatter = new();

    public static byte[] Encode(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return Formatter.EncodeStructuredModeMessage(cloudEvent, out _).ToArray();
    }

    /// <summary>Reads an event, or throws <see cref="CloudEventFormatException"/> saying what is wrong with it.</summary>
    public static CloudEvent Decode(ReadOnlyMemory<byte> json)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException exception)
        {
            throw new CloudEventFormatException($"Not JSON: {exception.Message}", exception);
        }

        // The SDK's own messages for these do not say which member is wrong; a dead letter should.
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CloudEventFormatException($"A CloudEvent in JSON is an object, not {root.ValueKind}.");
        }

        if (!root.TryGetProperty("specversion", out _))
        {
            throw new CloudEventFormatException("Required attribute 'specversion' is missing.");
        }

        foreach (var member in root.EnumerateObject())
        {
            if (member.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && member.Name != "data")
            {
                throw new CloudEventFormatException($"Attribute '{member.Name}' must be a string, an integer or a boolean.");
            }
        }

        try
        {
            return Formatter.ConvertFromJsonElement(root, DistributedTracingExtension.AllAttributes);
        }
        catch (FormatException exception) when (root.TryGetProperty("data_base64", out _))
        {
            throw new CloudEventFormatException($"'data_base64' is not base64: {exception.Message}", exception);
        }
        // The SDK reports a broken rule (missing attribute, wrong type, bad timestamp) with one of these.
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new CloudEventFormatException(exception.Message, exception);
        }
    }

    /// <summary>
    /// True when data of this content type is a JSON value in "data": subtype "json" or a "+json" suffix once
    /// parameters are stripped; an absent content type counts as application/json (the JSON format's rule).
    /// </summary>
    public static bool IsJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        var subtype = slash < 0 ? "" : mediaType[(slash + 1)..];
        return subtype.Equals("json", StringComparison.OrdinalIgnoreCase) || subtype.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
