using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MultiCluster.Messaging.CloudEvents;

/// <summary>
/// The CloudEvents 1.0 JSON event format (structured mode, media type application/cloudevents+json): attributes as
/// top-level members, null meaning unset, JSON data in "data", binary data base64-encoded in "data_base64".
/// </summary>
public static partial class CloudEventJson
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "specversion", "id", "source", "type", "time", "datacontenttype", "dataschema", "subject", "traceparent", "tracestate", "data", "data_base64",
    };

    public static byte[] Serialize(CloudEvent cloudEvent)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, cloudEvent);
        }

        return buffer.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cloudEvent);
        ThrowIfInvalid(cloudEvent);
        writer.WriteStartObject();
        writer.WriteString("specversion", cloudEvent.SpecVersion);
        writer.WriteString("id", cloudEvent.Id);
        writer.WriteString("source", cloudEvent.Source);
        writer.WriteString("type", cloudEvent.Type);
        if (cloudEvent.Time is { } time)
        {
            writer.WriteString("time", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        }

        WriteIfSet(writer, "datacontenttype", cloudEvent.DataContentType);
        WriteIfSet(writer, "dataschema", cloudEvent.DataSchema);
        WriteIfSet(writer, "subject", cloudEvent.Subject);
        WriteIfSet(writer, "traceparent", cloudEvent.TraceParent);
        WriteIfSet(writer, "tracestate", cloudEvent.TraceState);
        foreach (var (name, value) in cloudEvent.Extensions)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }

        if (cloudEvent.BinaryData is { } binary)
        {
            writer.WriteBase64String("data_base64", binary.Span);
        }
        else if (cloudEvent.Data is { } data)
        {
            writer.WritePropertyName("data");
            data.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    public static CloudEvent Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement);
        }
        catch (JsonException exception)
        {
            throw new CloudEventFormatException($"Not JSON: {exception.Message}", exception);
        }
    }

    public static CloudEvent Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CloudEventFormatException($"A CloudEvent in JSON is an object, not {root.ValueKind}.");
        }

        var specVersion = Required(root, "specversion");
        if (specVersion != CloudEvent.SpecVersion10)
        {
            throw new CloudEventFormatException($"specversion '{specVersion}' is not supported: this reader takes CloudEvents 1.0.");
        }

        var data = DataMember(root);
        var dataBase64 = Member(root, "data_base64");
        if (data is not null && dataBase64 is not null)
        {
            throw new CloudEventFormatException("An event has \"data\" or \"data_base64\", never both.");
        }

        return new CloudEvent
        {
            Id = Required(root, "id"),
            Source = Required(root, "source"),
            Type = Required(root, "type"),
            SpecVersion = specVersion,
            Time = Timestamp(root),
            DataContentType = Optional(root, "datacontenttype"),
            DataSchema = Optional(root, "dataschema"),
            Subject = Optional(root, "subject"),
            TraceParent = Optional(root, "traceparent"),
            TraceState = Optional(root, "tracestate"),
            Data = data?.Clone(),
            BinaryData = dataBase64 is { } encoded ? Base64(encoded) : (ReadOnlyMemory<byte>?)null,
            Extensions = Extensions(root),
        };
    }

    private static void ThrowIfInvalid(CloudEvent cloudEvent)
    {
        if (string.IsNullOrEmpty(cloudEvent.Id) || string.IsNullOrEmpty(cloudEvent.Source) || string.IsNullOrEmpty(cloudEvent.Type))
        {
            throw new ArgumentException("A CloudEvent needs a non-empty id, source and type.", nameof(cloudEvent));
        }

        if (cloudEvent.Data is not null && cloudEvent.BinaryData is not null)
        {
            throw new ArgumentException("A CloudEvent has JSON data or binary data, never both.", nameof(cloudEvent));
        }

        foreach (var name in cloudEvent.Extensions.Keys)
        {
            if (Reserved.Contains(name) || !IsAttributeName(name))
            {
                throw new ArgumentException($"'{name}' cannot be an extension attribute name: use lower-case ASCII letters and digits, not a core attribute.", nameof(cloudEvent));
            }
        }
    }

    private static JsonElement? Member(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    // Attributes decoded as null are unset (JSON format, type system mapping); "data": null, though, is a null payload.
    private static JsonElement? DataMember(JsonElement root) => root.TryGetProperty("data", out var value) ? value : null;

    private static string Required(JsonElement root, string name) =>
        Optional(root, name) is { Length: > 0 } value ? value : throw new CloudEventFormatException($"Required attribute '{name}' is missing or empty.");

    private static string? Optional(JsonElement root, string name) => Member(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { } value => throw new CloudEventFormatException($"Attribute '{name}' must be a JSON string, not {value.ValueKind}."),
    };

    private static DateTimeOffset? Timestamp(JsonElement root) => Optional(root, "time") switch
    {
        null => null,
        var text when Rfc3339().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) => time,
        var text => throw new CloudEventFormatException($"Attribute 'time' must be an RFC 3339 timestamp such as 2018-04-05T17:31:00Z, not '{text}'."),
    };

    private static byte[] Base64(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String && value.TryGetBytesFromBase64(out var bytes))
        {
            return bytes;
        }

        throw new CloudEventFormatException("'data_base64' must be a base64-encoded JSON string.");
    }

    private static Dictionary<string, JsonElement> Extensions(JsonElement root)
    {
        var extensions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in root.EnumerateObject())
        {
            if (Reserved.Contains(member.Name) || member.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (!IsAttributeName(member.Name))
            {
                throw new CloudEventFormatException($"'{member.Name}' is not a valid attribute name: lower-case ASCII letters and digits only.");
            }

            if (member.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                || (member.Value.ValueKind == JsonValueKind.Number && !member.Value.TryGetInt32(out _)))
            {
                throw new CloudEventFormatException($"Extension '{member.Name}' must be a string, an integer or a boolean.");
            }

            extensions[member.Name] = member.Value.Clone();
        }

        return extensions;
    }

    private static bool IsAttributeName(string name) => name.Length > 0 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
