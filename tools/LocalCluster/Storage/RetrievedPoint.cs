using System.Text.Json;

namespace MultiCluster.LocalCluster.Storage;

/// <summary>A point as a read returns it: payload and vector only when they were asked for.</summary>
public sealed record RetrievedPoint(PointId Id, JsonElement? Payload, float[]? Vector);
