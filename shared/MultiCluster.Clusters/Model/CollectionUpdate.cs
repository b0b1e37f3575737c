namespace MultiCluster.Clusters;

/// <summary>
/// A change of an existing collection's settings (Qdrant's PATCH /collections/{name}): null fields stay as they are.
/// Vector size, distance and shard number cannot change after creation.
/// </summary>
/// <param name="HnswM">Edges per node of the HNSW graph.</param>
/// <param name="HnswEfConstruct">Neighbours considered while building the graph (at least 4).</param>
/// <param name="HnswOnDisk">Serve the HNSW graph from disk instead of RAM.</param>
/// <param name="OnDisk">Serve the original vectors from disk instead of RAM.</param>
/// <param name="Quantization">New quantization (replaces the current one whole).</param>
/// <param name="DisableQuantization">Remove quantization; exclusive with <paramref name="Quantization"/>.</param>
/// <param name="IndexingThresholdKb">Segment size in kilobytes above which the cluster builds an HNSW index.</param>
/// <param name="ReplicationFactor">Copies of each shard (at least 1).</param>
public sealed record CollectionUpdate(
    int? HnswM = null,
    int? HnswEfConstruct = null,
    bool? HnswOnDisk = null,
    bool? OnDisk = null,
    VectorQuantization? Quantization = null,
    bool DisableQuantization = false,
    long? IndexingThresholdKb = null,
    int? ReplicationFactor = null)
{
    /// <summary>True when the update changes nothing.</summary>
    public bool IsEmpty => this == new CollectionUpdate();

    /// <summary>True when the change makes the cluster rebuild the HNSW index or the quantized vectors.</summary>
    public bool Reindexes => HnswM is not null || HnswEfConstruct is not null || Quantization is not null || DisableQuantization;
}
