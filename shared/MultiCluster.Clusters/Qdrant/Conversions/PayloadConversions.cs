using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.Collections;
using MultiCluster.Shared;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.Clusters.Qdrant.Conversions;

/// <summary>The port's JSON payloads to Qdrant's protobuf values and back (see <see cref="QdrantValues"/>).</summary>
internal static class PayloadConversions
{
    public static void ToGrpc(JsonObject? payload, MapField<string, G.Value> target)
    {
        if (payload is not null)
        {
            // One pass through the serializer reads every kind of JsonNode (parsed or built from CLR values) alike.
            QdrantValues.FromJson(JsonSerializer.SerializeToElement(payload), target);
        }
    }

    public static JsonObject? FromGrpc(MapField<string, G.Value> payload) =>
        payload.Count == 0 ? null : JsonNode.Parse(QdrantValues.ToJson(payload).Span)!.AsObject();
}
