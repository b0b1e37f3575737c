using G = Qdrant.Client.Grpc;

// on_disk and always_ram are deprecated in Qdrant 1.16+ in favour of "memory" modes; every Qdrant 1.x still takes and
// reports them, and they are what the port's CollectionSpec names.
#pragma warning disable CS0612

namespace MultiCluster.Clusters.Qdrant.Conversions;

/// <summary>Collection specs and descriptions between the port's records and Qdrant's gRPC messages.</summary>
internal static class CollectionConversions
{
    public static G.CreateCollection ToGrpc(CollectionSpec spec)
    {
        var vectors = new G.VectorParams { Size = (ulong)spec.VectorSize, Distance = ToGrpc(spec.Distance) };
        if (spec.OnDisk is { } onDisk)
        {
            vectors.OnDisk = onDisk;
        }

        var create = new G.CreateCollection
        {
            CollectionName = spec.Name,
            VectorsConfig = new G.VectorsConfig { Params = vectors },
        };
        if (spec.ShardNumber is { } shards)
        {
            create.ShardNumber = (uint)shards;
        }

        if (spec.ReplicationFactor is { } replicas)
        {
            create.ReplicationFactor = (uint)replicas;
        }

        if (Hnsw(spec.HnswM, spec.HnswEfConstruct, spec.HnswOnDisk) is { } hnsw)
        {
            create.HnswConfig = hnsw;
        }

        if (spec.IndexingThresholdKb is { } threshold)
        {
            create.OptimizersConfig = new G.OptimizersConfigDiff { IndexingThreshold = (ulong)threshold };
        }

        if (spec.Quantization is { } quantization)
        {
            create.QuantizationConfig = QuantizationConversions.ToConfig(quantization);
        }

        return create;
    }

    /// <summary>
    /// A description back to the port's terms. Settings on the vector override the collection's (Qdrant applies
    /// them that way), so the spec shows what is in effect.
    /// </summary>
    public static CollectionInfo FromGrpc(string name, G.CollectionInfo info)
    {
        var config = info.Config ?? throw new UnexpectedResponseException("the collection description has no config");
        var parameters = config.Params ?? throw new UnexpectedResponseException("the collection description has no params");
        if (parameters.VectorsConfig?.ConfigCase != G.VectorsConfig.ConfigOneofCase.Params)
        {
            throw new UnexpectedResponseException("the collection has named vectors (or none), where the port expects one unnamed dense vector");
        }

        var vectors = parameters.VectorsConfig.Params;
        var hnsw = vectors.HnswConfig ?? config.HnswConfig;
        var quantization = QuantizationConversions.FromGrpc(vectors.QuantizationConfig ?? config.QuantizationConfig);
        var spec = new CollectionSpec(
            name,
            checked((int)vectors.Size),
            FromGrpc(vectors.Distance),
            hnsw is { HasM: true } ? checked((int)hnsw.M) : null,
            hnsw is { HasEfConstruct: true } ? checked((int)hnsw.EfConstruct) : null,
            vectors.HasOnDisk && vectors.OnDisk,
            quantization,
            parameters.ShardNumber == 0 ? 1 : checked((int)parameters.ShardNumber),
            parameters.HasReplicationFactor ? checked((int)parameters.ReplicationFactor) : 1,
            hnsw is { HasOnDisk: true } && hnsw.OnDisk,
            config.OptimizerConfig is { HasIndexingThreshold: true } optimizer ? checked((long)optimizer.IndexingThreshold) : null);
        return new CollectionInfo(
            spec,
            FromGrpc(info.Status),
            info.HasPointsCount ? checked((long)info.PointsCount) : 0,
            info.HasIndexedVectorsCount ? checked((long)info.IndexedVectorsCount) : 0,
            checked((int)info.SegmentsCount));
    }

    /// <summary>A change of settings; only the sections with something to change are sent.</summary>
    public static G.UpdateCollection ToGrpc(string collection, CollectionUpdate update)
    {
        var request = new G.UpdateCollection { CollectionName = collection };
        if (Hnsw(update.HnswM, update.HnswEfConstruct, update.HnswOnDisk) is { } hnsw)
        {
            request.HnswConfig = hnsw;
        }

        if (update.IndexingThresholdKb is { } threshold)
        {
            request.OptimizersConfig = new G.OptimizersConfigDiff { IndexingThreshold = (ulong)threshold };
        }

        if (update.OnDisk is { } onDisk)
        {
            request.VectorsConfig = new G.VectorsConfigDiff { Params = new G.VectorParamsDiff { OnDisk = onDisk } };
        }

        if (update.Quantization is { } quantization)
        {
            request.QuantizationConfig = QuantizationConversions.ToDiff(quantization);
        }
        else if (update.DisableQuantization)
        {
            request.QuantizationConfig = new G.QuantizationConfigDiff { Disabled = new G.Disabled() };
        }

        if (update.ReplicationFactor is { } replicas)
        {
            request.Params = new G.CollectionParamsDiff { ReplicationFactor = (uint)replicas };
        }

        return request;
    }

    public static G.Distance ToGrpc(Distance distance) => distance switch
    {
        Distance.Cosine => G.Distance.Cosine,
        Distance.Dot => G.Distance.Dot,
        Distance.Euclid => G.Distance.Euclid,
        _ => throw new ArgumentOutOfRangeException(nameof(distance), distance, "Unknown distance."),
    };

    private static G.HnswConfigDiff? Hnsw(int? m, int? efConstruct, bool? onDisk)
    {
        if (m is null && efConstruct is null && onDisk is null)
        {
            return null;
        }

        var hnsw = new G.HnswConfigDiff();
        if (m is { } edges)
        {
            hnsw.M = (ulong)edges;
        }

        if (efConstruct is { } ef)
        {
            hnsw.EfConstruct = (ulong)ef;
        }

        if (onDisk is { } disk)
        {
            hnsw.OnDisk = disk;
        }

        return hnsw;
    }

    private static Distance FromGrpc(G.Distance distance) => distance switch
    {
        G.Distance.Cosine => Distance.Cosine,
        G.Distance.Dot => Distance.Dot,
        G.Distance.Euclid => Distance.Euclid,
        _ => throw new UnexpectedResponseException($"the collection uses distance '{distance}', which the port does not support (Cosine, Dot, Euclid)"),
    };

    // Unknown states read as Yellow ("busy"): never report a state we do not understand as all-good green.
    private static CollectionStatus FromGrpc(G.CollectionStatus status) => status switch
    {
        G.CollectionStatus.Green => CollectionStatus.Green,
        G.CollectionStatus.Grey => CollectionStatus.Grey,
        G.CollectionStatus.Red => CollectionStatus.Red,
        _ => CollectionStatus.Yellow,
    };
}
