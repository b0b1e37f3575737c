using System.Text.Json;
using MultiCluster.LocalCluster.Storage;
using MultiCluster.LocalCluster.Storage.Snapshots;

namespace MultiCluster.LocalCluster.Api.Writing;

/// <summary>Qdrant's CollectionInfo and SnapshotDescription shapes.</summary>
public static class CollectionJson
{
    public static void WriteInfo(Utf8JsonWriter writer, VectorCollection collection)
    {
        var points = collection.Count;
        writer.WriteStartObject();
        writer.WriteString("status", "green");
        writer.WriteString("optimizer_status", "ok");

        // Exact search builds no index, so nothing is "indexed" in Qdrant's sense (as in Qdrant below its threshold).
        writer.WriteNumber("indexed_vectors_count", 0);
        writer.WriteNumber("points_count", points);
        writer.WriteNumber("segments_count", 1);
        writer.WritePropertyName("config");
        collection.Config.Settings.WriteTo(writer);
        writer.WriteStartObject("payload_schema");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WriteSnapshot(Utf8JsonWriter writer, SnapshotDescription snapshot)
    {
        writer.WriteStartObject();
        writer.WriteString("name", snapshot.Name);
        writer.WriteString("creation_time", snapshot.CreationTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteNumber("size", snapshot.Size);
        writer.WriteString("checksum", snapshot.Checksum);
        writer.WriteEndObject();
    }
}
