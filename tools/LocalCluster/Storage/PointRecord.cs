using System.Text.Json;

namespace MultiCluster.LocalCluster.Storage;

/// <summary>
/// A stored point: its id, its vector (already normalised for Cosine collections) and its payload, a JSON object or
/// null when it has none.
/// </summary>
public sealed record PointRecord(PointId Id, float[] Vector, JsonElement? Payload);
