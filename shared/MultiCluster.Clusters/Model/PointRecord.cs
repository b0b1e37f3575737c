using System.Text.Json.Nodes;

namespace MultiCluster.Clusters;

/// <summary>One point: identity, vector and payload, as written and as read back.</summary>
/// <param name="Id">
/// Point id as the contracts carry it: an unsigned 64-bit integer in decimal ("42") or a hyphenated UUID.
/// Reads return the canonical form (see <see cref="PointId"/>).
/// </param>
/// <param name="Vector">The vector; empty on reads that did not ask for vectors. Cosine collections return it normalised.</param>
/// <param name="Payload">JSON payload, or null for none (and on reads that did not ask for payloads).</param>
public sealed record PointRecord(string Id, float[] Vector, JsonObject? Payload = null);
