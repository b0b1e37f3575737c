using System.Text.Json.Nodes;

namespace MultiCluster.Clusters.Qdrant.Wire;

// Point shapes of Qdrant's REST API (OpenAPI: PointsList, PointStruct, UpdateResult, PointsSelector,
// PointRequest, Record, ScrollRequest, ScrollResult, CountRequest, CountResult).

/// <summary>PUT /collections/{name}/points body (the PointsList form).</summary>
internal sealed record WirePointsList
{
    public required List<WirePointStruct> Points { get; init; }
}

/// <summary>PointStruct with one unnamed vector.</summary>
internal sealed record WirePointStruct
{
    public WirePointId Id { get; init; }

    public required float[] Vector { get; init; }

    public JsonObject? Payload { get; init; }
}

/// <summary>UpdateResult: status is "acknowledged", "completed" or "wait_timeout".</summary>
internal sealed record WireUpdateResult
{
    public ulong? OperationId { get; init; }

    public string Status { get; init; } = "";
}

/// <summary>PointsSelector: ids (points) or filter; exactly one is set.</summary>
internal sealed record WirePointsSelector
{
    public List<WirePointId>? Points { get; init; }

    public WireFilter? Filter { get; init; }
}

/// <summary>POST /collections/{name}/points body.</summary>
internal sealed record WirePointRequest
{
    public required List<WirePointId> Ids { get; init; }

    public bool WithPayload { get; init; }

    public bool WithVector { get; init; }
}

/// <summary>Record: a stored point; vector is absent unless asked for.</summary>
internal sealed record WireRecord
{
    public WirePointId Id { get; init; }

    public JsonObject? Payload { get; init; }

    public float[]? Vector { get; init; }
}

/// <summary>POST /collections/{name}/points/scroll body.</summary>
internal sealed record WireScrollRequest
{
    public WirePointId? Offset { get; init; }

    public int Limit { get; init; }

    public WireFilter? Filter { get; init; }

    public bool WithPayload { get; init; }

    public bool WithVector { get; init; }
}

/// <summary>ScrollResult; next_page_offset is null on the last page.</summary>
internal sealed record WireScrollResult
{
    public List<WireRecord> Points { get; init; } = [];

    public WirePointId? NextPageOffset { get; init; }
}

/// <summary>POST /collections/{name}/points/count body; exact is always sent true.</summary>
internal sealed record WireCountRequest
{
    public WireFilter? Filter { get; init; }

    public bool Exact { get; init; } = true;
}

/// <summary>CountResult.</summary>
internal sealed record WireCountResult
{
    public long Count { get; init; }
}
