namespace MultiCluster.Clusters;

/// <summary>
/// What a collection is created with: one unnamed dense vector per point plus its tuning.
/// Null tuning fields take the cluster's defaults; <see cref="IVectorCluster.DescribeCollectionAsync"/> returns them filled.
/// </summary>
/// <param name="Name">Collection name, e.g. "books__d7" (library "books", domain "d7").</param>
/// <param name="VectorSize">Dimension of every vector; at least 1.</param>
/// <param name="Distance">How vectors are compared.</param>
/// <param name="HnswM">Edges per node of the HNSW graph; more is more accurate and larger.</param>
/// <param name="HnswEfConstruct">Neighbours considered while building the graph (at least 4).</param>
/// <param name="OnDisk">Serve the original vectors from disk instead of RAM.</param>
/// <param name="Quantization">Scalar, product or binary quantization, or null for none.</param>
/// <param name="ShardNumber">Shards of the collection (at least 1).</param>
/// <param name="ReplicationFactor">Copies of each shard (at least 1).</param>
/// <param name="HnswOnDisk">Serve the HNSW graph from disk instead of RAM.</param>
/// <param name="IndexingThresholdKb">Segment size in kilobytes above which the cluster builds an HNSW index (Qdrant's optimizers_config.indexing_threshold).</param>
public sealed record CollectionSpec(
    string Name,
    int VectorSize,
    Distance Distance,
    int? HnswM = null,
    int? HnswEfConstruct = null,
    bool? OnDisk = null,
    VectorQuantization? Quantization = null,
    int? ShardNumber = null,
    int? ReplicationFactor = null,
    bool? HnswOnDisk = null,
    long? IndexingThresholdKb = null);
