using System.Text.Json;
using Google.Protobuf.Collections;
using MultiCluster.Shared;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.LocalCluster.GrpcApi;

/// <summary>Payloads between Qdrant's protobuf values and the JSON the storage keeps (see <see cref="QdrantValues"/>).</summary>
internal static class PayloadValues
{
    public static JsonElement? ToJson(MapField<string, G.Value> payload)
    {
        if (payload.Count == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(QdrantValues.ToJson(payload));
        return document.RootElement.Clone();
    }

    public static void FromJson(JsonElement? payload, MapField<string, G.Value> target)
    {
        if (payload is { ValueKind: JsonValueKind.Object } obj)
        {
            QdrantValues.FromJson(obj, target);
        }
    }
}
