using System.Text.Json;
using MultiCluster.LocalCluster.Search;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Api.Writing;

/// <summary>Qdrant's Record and ScoredPoint shapes: payload and vector omitted unless asked for.</summary>
public static class PointJson
{
    public static void WriteId(Utf8JsonWriter writer, PointId id)
    {
        if (id.IsUuid)
        {
            writer.WriteStringValue(id.ToGuid().ToString("D"));
        }
        else
        {
            writer.WriteNumberValue(id.ToNumber());
        }
    }

    public static void WriteRecord(Utf8JsonWriter writer, RetrievedPoint point)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("id");
        WriteId(writer, point.Id);
        WriteBody(writer, point.Payload, point.Vector);
        writer.WriteEndObject();
    }

    public static void WriteRecords(Utf8JsonWriter writer, IEnumerable<RetrievedPoint> points)
    {
        writer.WriteStartArray();
        foreach (var point in points)
        {
            WriteRecord(writer, point);
        }

        writer.WriteEndArray();
    }

    public static void WriteScored(Utf8JsonWriter writer, ScoredPoint point)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("id");
        WriteId(writer, point.Id);
        writer.WriteNumber("version", 0);
        writer.WriteNumber("score", point.Score);
        WriteBody(writer, point.Payload, point.Vector);
        writer.WriteEndObject();
    }

    public static void WriteScoredList(Utf8JsonWriter writer, IEnumerable<ScoredPoint> points)
    {
        writer.WriteStartArray();
        foreach (var point in points)
        {
            WriteScored(writer, point);
        }

        writer.WriteEndArray();
    }

    public static void WriteUpdate(Utf8JsonWriter writer, UpdateResult update)
    {
        writer.WriteStartObject();
        writer.WriteNumber("operation_id", update.OperationId);
        writer.WriteString("status", update.Completed ? "completed" : "acknowledged");
        writer.WriteEndObject();
    }

    private static void WriteBody(Utf8JsonWriter writer, JsonElement? payload, float[]? vector)
    {
        if (payload is { } p)
        {
            writer.WritePropertyName("payload");
            p.WriteTo(writer);
        }

        if (vector is not null)
        {
            writer.WriteStartArray("vector");
            foreach (var component in vector)
            {
                writer.WriteNumberValue(component);
            }

            writer.WriteEndArray();
        }
    }
}
