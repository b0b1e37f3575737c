using System.Text.Json.Serialization;

namespace MultiCluster.LocalCluster.Api.Endpoints;

/// <summary>Qdrant's VersionInfo (GET /): not wrapped in the result envelope.</summary>
public sealed record VersionInfo(string Title, string Version, string Commit);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(VersionInfo))]
internal sealed partial class VersionInfoContext : JsonSerializerContext;
