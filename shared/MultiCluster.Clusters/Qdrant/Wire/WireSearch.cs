using System.Text.Json.Nodes;

namespace MultiCluster.Clusters.Qdrant.Wire;

// Search shapes of Qdrant's REST API (OpenAPI v1.x: SearchRequest, SearchRequestBatch, SearchParams, ScoredPoint).

/// <summary>POST /collections/{name}/points/search body, and one entry of a batch.</summary>
internal sealed record WireSearchRequest
{
    public required float[] Vector { get; init; }

    public WireFilter? Filter { get; init; }

    public WireSearchParams? Params { get; init; }

    public int Limit { get; init; }

    public int? Offset { get; init; }

    public bool WithPayload { get; init; }

    public bool WithVector { get; init; }

    public float? ScoreThreshold { get; init; }
}

/// <summary>SearchParams.</summary>
internal sealed record WireSearchParams
{
    public int? HnswEf { get; init; }

    public bool? Exact { get; init; }
}

/// <summary>POST /collections/{name}/points/search/batch body.</summary>
internal sealed record WireSearchBatch
{
    public required List<WireSearchRequest> Searches { get; init; }
}

/// <summary>ScoredPoint.</summary>
internal sealed record WireScoredPoint
{
    public WirePointId Id { get; init; }

    public float Score { get; init; }

    public JsonObject? Payload { get; init; }

    public float[]? Vector { get; init; }
}
