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

        if (spec.HnswM is not null || spec.HnswEfConstruct is not null)
        {
            create.HnswConfig = new G.HnswConfigDiff();
            if (spec.HnswM is { } m)
            {
                create.HnswConfig.M = (ulong)m;
            }

            if (spec.HnswEfConstruct is { } ef)
            {
                create.HnswConfig.EfConstruct = (ulong)ef;
            }
        }

        if (spec.Quantization is { } q)
        {
            var scalar = new G.ScalarQuantization { Type = G.QuantizationType.Int8 };
            if (q.Quantile is { } quantile)
            {
                scalar.Quantile = quantile;
            }

            if (q.AlwaysRam is { } alwaysRam)
            {
                scalar.AlwaysRam = alwaysRam;
            }

            create.QuantizationConfig = new G.QuantizationConfig { Scalar = scalar };
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
        var quantization = (vectors.QuantizationConfig ?? config.QuantizationConfig)?.Scalar;
        var spec = new CollectionSpec(
            name,
            checked((int)vectors.Size),
            FromGrpc(vectors.Distance),
            hnsw is { HasM: true } ? checked((int)hnsw.M) : null,
            hnsw is { HasEfConstruct: true } ? checked((int)hnsw.EfConstruct) : null,
            vectors.HasOnDisk && vectors.OnDisk,
            quantization is null ? null : new ScalarQuantization(quantization.HasQuantile ? quantization.Quantile : null, quantization.HasAlwaysRam ? quantization.AlwaysRam : null),
            parameters.ShardNumber == 0 ? 1 : checked((int)parameters.ShardNumber),
            parameters.HasReplicationFactor ? checked((int)parameters.ReplicationFactor) : 1);
        return new CollectionInfo(
            spec,
            FromGrpc(info.Status),
            info.HasPointsCount ? checked((long)info.PointsCount) : 0,
            info.HasIndexedVectorsCount ? checked((long)info.IndexedVectorsCount) : 0,
            checked((int)info.SegmentsCount));
    }

    public static G.Distance ToGrpc(Distance distance) => distance switch
    {
        Distance.Cosine => G.Distance.Cosine,
        Distance.Dot => G.Distance.Dot,
        Distance.Euclid => G.Distance.Euclid,
        _ => throw new ArgumentOutOfRangeException(nameof(distance), distance, "Unknown distance."),
    };

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
