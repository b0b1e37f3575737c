using System.Text.Json;

namespace MultiCluster.Clusters.Qdrant.Wire;

// Collection shapes of Qdrant's REST API (OpenAPI: CreateCollection, CollectionInfo, CollectionsResponse).

/// <summary>PUT /collections/{name} body.</summary>
internal sealed record WireCreateCollection
{
    public required WireVectorParams Vectors { get; init; }

    public int? ShardNumber { get; init; }

    public int? ReplicationFactor { get; init; }

    public WireHnswConfig? HnswConfig { get; init; }

    public WireQuantizationConfig? QuantizationConfig { get; init; }
}

/// <summary>VectorParams: the single unnamed vector of a collection.</summary>
internal sealed record WireVectorParams
{
    public long Size { get; init; }

    public string Distance { get; init; } = "";

    public bool? OnDisk { get; init; }

    public WireHnswConfig? HnswConfig { get; init; }

    public WireQuantizationConfig? QuantizationConfig { get; init; }
}

/// <summary>HnswConfig / HnswConfigDiff (only the fields the port exposes).</summary>
internal sealed record WireHnswConfig
{
    public int? M { get; init; }

    public int? EfConstruct { get; init; }
}

/// <summary>QuantizationConfig: only the scalar variant is used; others read as "no scalar quantization".</summary>
internal sealed record WireQuantizationConfig
{
    public WireScalarQuantization? Scalar { get; init; }
}

/// <summary>ScalarQuantizationConfig; type is always "int8".</summary>
internal sealed record WireScalarQuantization
{
    public string Type { get; init; } = "int8";

    public float? Quantile { get; init; }

    public bool? AlwaysRam { get; init; }
}

/// <summary>GET /collections/{name} result.</summary>
internal sealed record WireCollectionInfo
{
    public string Status { get; init; } = "";

    public long? PointsCount { get; init; }

    public long? IndexedVectorsCount { get; init; }

    public int SegmentsCount { get; init; }

    public WireCollectionConfig? Config { get; init; }
}

/// <summary>CollectionConfig.</summary>
internal sealed record WireCollectionConfig
{
    public WireCollectionParams? Params { get; init; }

    public WireHnswConfig? HnswConfig { get; init; }

    public WireQuantizationConfig? QuantizationConfig { get; init; }
}

/// <summary>CollectionParams; vectors is one VectorParams or a map of named ones, told apart during conversion.</summary>
internal sealed record WireCollectionParams
{
    public JsonElement Vectors { get; init; }

    public int? ShardNumber { get; init; }

    public int? ReplicationFactor { get; init; }
}

/// <summary>GET /collections result.</summary>
internal sealed record WireCollectionList
{
    public List<WireCollectionName> Collections { get; init; } = [];
}

/// <summary>CollectionDescription.</summary>
internal sealed record WireCollectionName
{
    public string Name { get; init; } = "";
}
