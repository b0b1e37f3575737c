using System.Net;
using System.Text.Json;

namespace MultiCluster.LocalCluster.Tests.Infrastructure;

/// <summary>One response of the node: status code and the parsed Qdrant envelope.</summary>
public sealed record QdrantReply(HttpStatusCode Status, JsonElement Body, string Text)
{
    /// <summary>The "result" of a success; fails the test with the body when there is none.</summary>
    public JsonElement Result => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("result", out var result)
        ? result
        : throw new InvalidOperationException($"No result ({(int)Status}): {Text}");

    /// <summary>The "status.error" message of a failure.</summary>
    public string Error => Body.ValueKind == JsonValueKind.Object
        && Body.TryGetProperty("status", out var status)
        && status.ValueKind == JsonValueKind.Object
        && status.TryGetProperty("error", out var error)
            ? error.GetString()!
            : throw new InvalidOperationException($"No error ({(int)Status}): {Text}");
}
