using System.Text.Json;
using Google.Protobuf.Collections;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.Shared;

/// <summary>
/// JSON payloads and Qdrant's protobuf values (map of Value), both ways, for the two sides of Qdrant's gRPC API here:
/// the cluster adapter (MultiCluster.Clusters) and the stand-in (tools/LocalCluster). Integral numbers that fit a
/// long travel as integer_value, every other number as double_value: Qdrant keeps the two apart, and exact matches
/// work on integers only. Linked into both projects (no project dependency between them).
/// </summary>
internal static class QdrantValues
{
    /// <summary>Every property of a JSON object into the map.</summary>
    public static void FromJson(JsonElement payload, MapField<string, G.Value> target)
    {
        foreach (var property in payload.EnumerateObject())
        {
            target[property.Name] = FromJson(property.Value);
        }
    }

    /// <summary>The map as the UTF-8 text of a JSON object (see <see cref="WriteObject"/>).</summary>
    public static ReadOnlyMemory<byte> ToJson(MapField<string, G.Value> fields)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(writer, fields);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>The map as a JSON object; <see cref="FormatException"/> for a NaN or infinity, which JSON cannot carry.</summary>
    public static void WriteObject(Utf8JsonWriter writer, MapField<string, G.Value> fields)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in fields)
        {
            writer.WritePropertyName(key);
            Write(writer, value);
        }

        writer.WriteEndObject();
    }

    private static G.Value FromJson(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return new G.Value { StringValue = value.GetString() };
            case JsonValueKind.Number when value.TryGetInt64(out var integer):
                return new G.Value { IntegerValue = integer };
            case JsonValueKind.Number:
                return new G.Value { DoubleValue = value.GetDouble() };
            case JsonValueKind.True:
                return new G.Value { BoolValue = true };
            case JsonValueKind.False:
                return new G.Value { BoolValue = false };
            case JsonValueKind.Object:
                var fields = new G.Struct();
                FromJson(value, fields.Fields);
                return new G.Value { StructValue = fields };
            case JsonValueKind.Array:
                var list = new G.ListValue();
                list.Values.AddRange(value.EnumerateArray().Select(FromJson));
                return new G.Value { ListValue = list };
            default:
                return new G.Value { NullValue = G.NullValue.NullValue };
        }
    }

    private static void Write(Utf8JsonWriter writer, G.Value value)
    {
        switch (value.KindCase)
        {
            case G.Value.KindOneofCase.StringValue:
                writer.WriteStringValue(value.StringValue);
                break;
            case G.Value.KindOneofCase.IntegerValue:
                writer.WriteNumberValue(value.IntegerValue);
                break;
            case G.Value.KindOneofCase.DoubleValue when double.IsFinite(value.DoubleValue):
                writer.WriteNumberValue(value.DoubleValue);
                break;
            case G.Value.KindOneofCase.DoubleValue:
                throw new FormatException($"a payload holds {value.DoubleValue}, which JSON cannot carry");
            case G.Value.KindOneofCase.BoolValue:
                writer.WriteBooleanValue(value.BoolValue);
                break;
            case G.Value.KindOneofCase.StructValue:
                WriteObject(writer, value.StructValue.Fields);
                break;
            case G.Value.KindOneofCase.ListValue:
                writer.WriteStartArray();
                foreach (var item in value.ListValue.Values)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
