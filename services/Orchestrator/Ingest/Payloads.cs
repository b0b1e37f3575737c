using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>Payloads between the contract's Struct and the clusters' JSON, through protobuf's own JSON mapping.</summary>
public static class Payloads
{
    /// <summary>The payload as JSON with its encoded size, or null when it cannot be written as JSON (a NaN or infinite number).</summary>
    public static (JsonObject? Json, int Bytes) ToJson(Struct payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        try
        {
            var text = JsonFormatter.Default.Format(payload);
            return (JsonNode.Parse(text) as JsonObject, text.Length);
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or ArgumentException)
        {
            return (null, 0);
        }
    }

    public static Struct ToStruct(JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return JsonParser.Default.Parse<Struct>(payload.ToJsonString());
    }
}
