using System.Text.Json;
using MultiCluster.Clusters.Qdrant.Wire;

namespace MultiCluster.Clusters.Qdrant.Conversions;

/// <summary>Collection specs and descriptions between the port's records and Qdrant's wire shapes.</summary>
internal static class CollectionConversions
{
    public static WireCreateCollection ToWire(CollectionSpec spec) => new()
    {
        Vectors = new WireVectorParams { Size = spec.VectorSize, Distance = ToWire(spec.Distance), OnDisk = spec.OnDisk },
        ShardNumber = spec.ShardNumber,
        ReplicationFactor = spec.ReplicationFactor,
        HnswConfig = spec.HnswM is null && spec.HnswEfConstruct is null ? null : new WireHnswConfig { M = spec.HnswM, EfConstruct = spec.HnswEfConstruct },
        QuantizationConfig = spec.Quantization is { } q ? new WireQuantizationConfig { Scalar = new WireScalarQuantization { Quantile = q.Quantile, AlwaysRam = q.AlwaysRam } } : null,
    };

    /// <summary>
    /// A description back to the port's terms. Settings on the vector override the collection's (Qdrant applies
    /// them that way), so the spec shows what is in effect.
    /// </summary>
    public static CollectionInfo FromWire(string name, WireCollectionInfo info)
    {
        var config = info.Config ?? throw new UnexpectedResponseException("the collection description has no config");
        var vectors = SingleVector(config.Params?.Vectors ?? default);
        var quantization = (vectors.QuantizationConfig ?? config.QuantizationConfig)?.Scalar;
        var spec = new CollectionSpec(
            name,
            checked((int)vectors.Size),
            FromWireDistance(vectors.Distance),
            vectors.HnswConfig?.M ?? config.HnswConfig?.M,
            vectors.HnswConfig?.EfConstruct ?? config.HnswConfig?.EfConstruct,
            vectors.OnDisk ?? false,
            quantization is null ? null : new ScalarQuantization(quantization.Quantile, quantization.AlwaysRam),
            config.Params?.ShardNumber ?? 1,
            config.Params?.ReplicationFactor ?? 1);
        return new CollectionInfo(spec, FromWireStatus(info.Status), info.PointsCount ?? 0, info.IndexedVectorsCount ?? 0, info.SegmentsCount);
    }

    public static string ToWire(Distance distance) => distance switch
    {
        Distance.Cosine => "Cosine",
        Distance.Dot => "Dot",
        Distance.Euclid => "Euclid",
        _ => throw new ArgumentOutOfRangeException(nameof(distance), distance, "Unknown distance."),
    };

    private static Distance FromWireDistance(string distance) => distance switch
    {
        "Cosine" => Distance.Cosine,
        "Dot" => Distance.Dot,
        "Euclid" => Distance.Euclid,
        _ => throw new UnexpectedResponseException($"the collection uses distance '{distance}', which the port does not support (Cosine, Dot, Euclid)"),
    };

    // Unknown states read as Yellow ("busy"): never report a state we do not understand as all-good green.
    private static CollectionStatus FromWireStatus(string status) => status switch
    {
        "green" => CollectionStatus.Green,
        "grey" => CollectionStatus.Grey,
        "red" => CollectionStatus.Red,
        _ => CollectionStatus.Yellow,
    };

    // "vectors" is one VectorParams ({"size": .., "distance": ..}) or a map of named ones; the port uses one unnamed vector.
    private static WireVectorParams SingleVector(JsonElement vectors)
    {
        if (vectors.ValueKind == JsonValueKind.Object && vectors.TryGetProperty("size", out _))
        {
            return vectors.Deserialize(QdrantJsonContext.Default.WireVectorParams)
                ?? throw new UnexpectedResponseException("the collection's vector parameters are null");
        }

        throw new UnexpectedResponseException($"the collection has no single unnamed vector (vectors: {vectors.GetRawText()}); the port supports one unnamed vector per collection");
    }
}
