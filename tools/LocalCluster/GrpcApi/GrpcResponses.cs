using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.LocalCluster.Storage;
using MultiCluster.LocalCluster.Storage.Snapshots;
using G = Qdrant.Client.Grpc;

// on_disk and always_ram are deprecated in favour of memory modes; Qdrant still reports them.
#pragma warning disable CS0612

namespace MultiCluster.LocalCluster.GrpcApi;

/// <summary>The storage's answers as Qdrant's gRPC messages: points, hits, collection descriptions, snapshots.</summary>
internal static class GrpcResponses
{
    public static G.PointId Id(PointId id) => id.IsUuid ? new G.PointId { Uuid = id.ToString() } : new G.PointId { Num = id.ToNumber() };

    public static G.RetrievedPoint Point(RetrievedPoint point)
    {
        var result = new G.RetrievedPoint { Id = Id(point.Id), Vectors = Vectors(point.Vector) };
        PayloadValues.FromJson(point.Payload, result.Payload);
        return result;
    }

    public static G.ScoredPoint Hit(Search.ScoredPoint hit)
    {
        var result = new G.ScoredPoint { Id = Id(hit.Id), Score = hit.Score, Vectors = Vectors(hit.Vector) };
        PayloadValues.FromJson(hit.Payload, result.Payload);
        return result;
    }

    public static G.UpdateResult Update(UpdateResult update) =>
        new() { OperationId = update.OperationId, Status = update.Completed ? G.UpdateStatus.Completed : G.UpdateStatus.Acknowledged };

    public static G.SnapshotDescription Snapshot(SnapshotDescription snapshot) => new()
    {
        Name = snapshot.Name,
        CreationTime = Timestamp.FromDateTime(DateTime.SpecifyKind(snapshot.CreationTime, DateTimeKind.Utc)),
        Size = snapshot.Size,
        Checksum = snapshot.Checksum,
    };

    /// <summary>A collection as GET /collections/{name} describes it, from the same stored configuration object.</summary>
    public static G.CollectionInfo Info(VectorCollection collection)
    {
        var settings = collection.Config.Settings;
        var parameters = settings.GetProperty("params");
        var vectors = new G.VectorParams { Size = (ulong)collection.Config.Size, Distance = Distance(collection.Config.Distance) };
        if (parameters.TryGetProperty("vectors", out var stored) && Bool(stored, "on_disk") is { } onDisk)
        {
            vectors.OnDisk = onDisk;
        }

        var info = new G.CollectionInfo
        {
            Status = G.CollectionStatus.Green,
            OptimizerStatus = new G.OptimizerStatus { Ok = true },
            PointsCount = (ulong)collection.Count,

            // Exact search builds no index, so nothing is "indexed" in Qdrant's sense (as in Qdrant below its threshold).
            IndexedVectorsCount = 0,
            SegmentsCount = 1,
            Config = new G.CollectionConfig
            {
                Params = new G.CollectionParams
                {
                    VectorsConfig = new G.VectorsConfig { Params = vectors },
                    ShardNumber = (uint)(Number(parameters, "shard_number") ?? 1),
                    ReplicationFactor = (uint)(Number(parameters, "replication_factor") ?? 1),
                    WriteConsistencyFactor = (uint)(Number(parameters, "write_consistency_factor") ?? 1),
                    OnDiskPayload = Bool(parameters, "on_disk_payload") ?? true,
                },
                HnswConfig = Hnsw(settings),
                OptimizerConfig = Optimizer(settings),
                WalConfig = new G.WalConfigDiff(),
            },
        };
        if (settings.TryGetProperty("quantization_config", out var quantization) && Quantization(quantization) is { } config)
        {
            info.Config.QuantizationConfig = config;
        }

        return info;
    }

    private static G.QuantizationConfig? Quantization(JsonElement quantization)
    {
        if (quantization.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (quantization.TryGetProperty("scalar", out var scalar) && scalar.ValueKind == JsonValueKind.Object)
        {
            var config = new G.ScalarQuantization { Type = G.QuantizationType.Int8 };
            if (scalar.TryGetProperty("quantile", out var quantile) && quantile.ValueKind == JsonValueKind.Number)
            {
                config.Quantile = quantile.GetSingle();
            }

            if (Bool(scalar, "always_ram") is { } alwaysRam)
            {
                config.AlwaysRam = alwaysRam;
            }

            return new G.QuantizationConfig { Scalar = config };
        }

        if (quantization.TryGetProperty("product", out var product) && product.ValueKind == JsonValueKind.Object)
        {
            var config = new G.ProductQuantization
            {
                Compression = product.TryGetProperty("compression", out var ratio) ? ratio.GetString() switch
                {
                    "x4" => G.CompressionRatio.X4,
                    "x8" => G.CompressionRatio.X8,
                    "x32" => G.CompressionRatio.X32,
                    "x64" => G.CompressionRatio.X64,
                    _ => G.CompressionRatio.X16,
                } : G.CompressionRatio.X16,
            };
            if (Bool(product, "always_ram") is { } alwaysRam)
            {
                config.AlwaysRam = alwaysRam;
            }

            return new G.QuantizationConfig { Product = config };
        }

        if (quantization.TryGetProperty("binary", out var binary) && binary.ValueKind == JsonValueKind.Object)
        {
            var config = new G.BinaryQuantization();
            if (Bool(binary, "always_ram") is { } alwaysRam)
            {
                config.AlwaysRam = alwaysRam;
            }

            return new G.QuantizationConfig { Binary = config };
        }

        return null;
    }

    private static G.OptimizersConfigDiff Optimizer(JsonElement settings)
    {
        var optimizer = new G.OptimizersConfigDiff();
        if (settings.TryGetProperty("optimizer_config", out var config) && Number(config, "indexing_threshold") is { } threshold)
        {
            optimizer.IndexingThreshold = (ulong)threshold;
        }

        return optimizer;
    }

    private static G.HnswConfigDiff Hnsw(JsonElement settings)
    {
        var hnsw = new G.HnswConfigDiff();
        if (settings.TryGetProperty("hnsw_config", out var config) && config.ValueKind == JsonValueKind.Object)
        {
            if (Number(config, "m") is { } m)
            {
                hnsw.M = (ulong)m;
            }

            if (Number(config, "ef_construct") is { } ef)
            {
                hnsw.EfConstruct = (ulong)ef;
            }

            if (Number(config, "full_scan_threshold") is { } threshold)
            {
                hnsw.FullScanThreshold = (ulong)threshold;
            }

            if (Bool(config, "on_disk") is { } onDisk)
            {
                hnsw.OnDisk = onDisk;
            }
        }

        return hnsw;
    }

    private static G.VectorsOutput? Vectors(float[]? vector) =>
        vector is null ? null : new G.VectorsOutput { Vector = new G.VectorOutput { Dense = new G.DenseVector { Data = { vector } } } };

    private static G.Distance Distance(Storage.Distance distance) => distance switch
    {
        Storage.Distance.Cosine => G.Distance.Cosine,
        Storage.Distance.Dot => G.Distance.Dot,
        Storage.Distance.Euclid => G.Distance.Euclid,
        _ => G.Distance.Manhattan,
    };

    private static long? Number(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0 ? number : null;

    private static bool? Bool(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}
