using System.Text.Json.Nodes;

namespace MultiCluster.Clusters;

/// <summary>One search hit.</summary>
/// <param name="Id">Point id in canonical form.</param>
/// <param name="Score">Similarity (Cosine, Dot: higher is closer) or distance (Euclid: lower is closer).</param>
/// <param name="Vector">The stored vector when the search asked for vectors, else empty.</param>
/// <param name="Payload">The payload when the search asked for payloads, else null.</param>
public sealed record ScoredPoint(string Id, float Score, float[] Vector, JsonObject? Payload);
