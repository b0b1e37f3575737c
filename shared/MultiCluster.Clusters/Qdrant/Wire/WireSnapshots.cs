namespace MultiCluster.Clusters.Qdrant.Wire;

// Snapshot shapes of Qdrant's REST API (OpenAPI: SnapshotDescription, SnapshotRecover).

/// <summary>SnapshotDescription; creation_time is a UTC date-time without zone ("2022-08-04T10:49:10").</summary>
internal sealed record WireSnapshotDescription
{
    public string Name { get; init; } = "";

    public string? CreationTime { get; init; }

    public long Size { get; init; }

    public string? Checksum { get; init; }
}

/// <summary>PUT /collections/{name}/snapshots/recover body; api_key is sent to the server that hosts location.</summary>
internal sealed record WireSnapshotRecover
{
    public required string Location { get; init; }

    public string? Checksum { get; init; }

    public string? ApiKey { get; init; }
}
