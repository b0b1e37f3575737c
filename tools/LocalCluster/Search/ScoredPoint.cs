using System.Text.Json;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Search;

/// <summary>A search hit: id, Qdrant's score, and payload and vector when they were asked for.</summary>
public sealed record ScoredPoint(PointId Id, float Score, JsonElement? Payload, float[]? Vector);
