using System.Text.Json.Serialization;

namespace MultiCluster.Clusters.Qdrant.Wire;

/// <summary>
/// Source-generated serialization of the wire shapes: snake_case like Qdrant's schema, nulls omitted so optional
/// fields take the server's defaults, no reflection at run time.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WireCreateCollection))]
[JsonSerializable(typeof(WirePointsList))]
[JsonSerializable(typeof(WirePointsSelector))]
[JsonSerializable(typeof(WirePointRequest))]
[JsonSerializable(typeof(WireScrollRequest))]
[JsonSerializable(typeof(WireCountRequest))]
[JsonSerializable(typeof(WireSearchRequest))]
[JsonSerializable(typeof(WireSearchBatch))]
[JsonSerializable(typeof(WireChangeAliases))]
[JsonSerializable(typeof(WireSnapshotRecover))]
[JsonSerializable(typeof(WireVectorParams))]
[JsonSerializable(typeof(QdrantResponse<bool>))]
[JsonSerializable(typeof(QdrantResponse<WireCollectionInfo>))]
[JsonSerializable(typeof(QdrantResponse<WireCollectionList>))]
[JsonSerializable(typeof(QdrantResponse<WireUpdateResult>))]
[JsonSerializable(typeof(QdrantResponse<List<WireRecord>>))]
[JsonSerializable(typeof(QdrantResponse<WireScrollResult>))]
[JsonSerializable(typeof(QdrantResponse<WireCountResult>))]
[JsonSerializable(typeof(QdrantResponse<List<WireScoredPoint>>))]
[JsonSerializable(typeof(QdrantResponse<List<List<WireScoredPoint>>>))]
[JsonSerializable(typeof(QdrantResponse<WireAliasList>))]
[JsonSerializable(typeof(QdrantResponse<WireSnapshotDescription>))]
[JsonSerializable(typeof(QdrantResponse<List<WireSnapshotDescription>>))]
[JsonSerializable(typeof(WireVersionInfo))]
internal sealed partial class QdrantJsonContext : JsonSerializerContext;
