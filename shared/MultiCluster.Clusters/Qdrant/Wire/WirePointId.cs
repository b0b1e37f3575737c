using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiCluster.Clusters.Qdrant.Wire;

/// <summary>
/// Qdrant's ExtendedPointId: a JSON integer (uint64) or a JSON string holding a UUID. The port carries ids as
/// strings in either form; this keeps the JSON type right on the wire (a numeric id sent as a string is a UUID
/// parse error in Qdrant).
/// </summary>
[JsonConverter(typeof(WirePointIdConverter))]
internal readonly record struct WirePointId(ulong? Number, string? Uuid)
{
    public static WirePointId Of(ulong number) => new(number, null);

    public static WirePointId Of(Guid uuid) => new(null, uuid.ToString("D"));

    public override string ToString() => Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Uuid ?? "";
}

internal sealed class WirePointIdConverter : JsonConverter<WirePointId>
{
    public override WirePointId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => WirePointId.Of(reader.GetUInt64()),
        JsonTokenType.String => new WirePointId(null, reader.GetString()),
        _ => throw new JsonException($"A point id must be a JSON integer or string, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, WirePointId value, JsonSerializerOptions options)
    {
        if (value.Number is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value.Uuid);
        }
    }
}
