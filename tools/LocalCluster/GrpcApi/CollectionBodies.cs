using System.Text.Json;
using System.Text.Json.Nodes;
using MultiCluster.LocalCluster.Api;
using MultiCluster.LocalCluster.Api.Parsing;
using MultiCluster.LocalCluster.Storage;
using G = Qdrant.Client.Grpc;

// on_disk, on_disk_payload and always_ram are deprecated in favour of memory modes; Qdrant still takes them.
#pragma warning disable CS0612

namespace MultiCluster.LocalCluster.GrpcApi;

/// <summary>
/// qdrant.Collections Create and Update restated as the REST bodies they are equivalent to (PUT and PATCH
/// /collections/{name}), so one parser checks and stores the settings of both APIs.
/// </summary>
internal static class CollectionBodies
{
    public static CollectionConfig Create(G.CreateCollection request)
    {
        if (request.VectorsConfig?.ConfigCase != G.VectorsConfig.ConfigOneofCase.Params)
        {
            throw ApiException.Unsupported("vectors_config must be one unnamed dense vector (params): named and sparse vectors are not supported by LocalCluster");
        }

        var vectors = request.VectorsConfig.Params;
        if (vectors.Distance is G.Distance.UnknownDistance || !Enum.IsDefined(vectors.Distance))
        {
            throw ApiException.Validation("vectors_config.params.distance", $"unknown distance {(int)vectors.Distance}, expected Cosine, Euclid, Dot or Manhattan");
        }

        var vectorParams = new JsonObject { ["size"] = vectors.Size, ["distance"] = vectors.Distance.ToString() };
        Set(vectorParams, "on_disk", vectors.HasOnDisk, vectors.OnDisk);
        var body = new JsonObject { ["vectors"] = vectorParams };
        Set(body, "shard_number", request.HasShardNumber, request.ShardNumber);
        Set(body, "replication_factor", request.HasReplicationFactor, request.ReplicationFactor);
        Set(body, "on_disk_payload", request.HasOnDiskPayload, request.OnDiskPayload);
        Sections(body, request.HnswConfig, request.OptimizersConfig);
        if (request.QuantizationConfig is { } quantization)
        {
            body["quantization_config"] = Quantization(quantization.Scalar, quantization.Product, quantization.Binary)
                ?? throw ApiException.Format("quantization_config: expected one of scalar, product, binary");
        }

        return CollectionConfigParser.Create(JsonSerializer.SerializeToElement(body));
    }

    public static CollectionConfig Update(CollectionConfig current, G.UpdateCollection request)
    {
        var body = new JsonObject();
        Sections(body, request.HnswConfig, request.OptimizersConfig);
        if (request.VectorsConfig is { } vectorsDiff)
        {
            if (vectorsDiff.ConfigCase != G.VectorsConfigDiff.ConfigOneofCase.Params)
            {
                throw ApiException.Unsupported("vectors_config must change the one unnamed dense vector (params): named vectors are not supported by LocalCluster");
            }

            body["vectors"] = Set([], "on_disk", vectorsDiff.Params.HasOnDisk, vectorsDiff.Params.OnDisk);
        }

        if (request.Params is { } parameters)
        {
            var diff = new JsonObject();
            Set(diff, "replication_factor", parameters.HasReplicationFactor, parameters.ReplicationFactor);
            Set(diff, "write_consistency_factor", parameters.HasWriteConsistencyFactor, parameters.WriteConsistencyFactor);
            body["params"] = Set(diff, "on_disk_payload", parameters.HasOnDiskPayload, parameters.OnDiskPayload);
        }

        if (request.QuantizationConfig is { } quantization)
        {
            body["quantization_config"] = quantization.QuantizationCase == G.QuantizationConfigDiff.QuantizationOneofCase.Disabled
                ? JsonValue.Create("Disabled")
                : Quantization(quantization.Scalar, quantization.Product, quantization.Binary)
                    ?? throw ApiException.Format("quantization_config: expected one of scalar, product, binary, disabled");
        }

        return CollectionConfigParser.Update(current, JsonSerializer.SerializeToElement(body));
    }

    private static void Sections(JsonObject body, G.HnswConfigDiff? hnsw, G.OptimizersConfigDiff? optimizers)
    {
        if (hnsw is not null)
        {
            var config = new JsonObject();
            Set(config, "m", hnsw.HasM, hnsw.M);
            Set(config, "ef_construct", hnsw.HasEfConstruct, hnsw.EfConstruct);
            Set(config, "full_scan_threshold", hnsw.HasFullScanThreshold, hnsw.FullScanThreshold);
            body["hnsw_config"] = Set(config, "on_disk", hnsw.HasOnDisk, hnsw.OnDisk);
        }

        if (optimizers is { HasIndexingThreshold: true })
        {
            body["optimizers_config"] = new JsonObject { ["indexing_threshold"] = optimizers.IndexingThreshold };
        }
    }

    // The quantization message of either request (one of the three is set), as the REST quantization_config.
    private static JsonObject? Quantization(G.ScalarQuantization? scalar, G.ProductQuantization? product, G.BinaryQuantization? binary) =>
        scalar is not null ? Kind("scalar", Scalar(scalar))
        : product is not null ? Kind("product", Product(product))
        : binary is not null ? Kind("binary", Set([], "always_ram", binary.HasAlwaysRam, binary.AlwaysRam))
        : null;

    /// <summary>Sets a field of a REST body only when the gRPC message has it (proto3 optional).</summary>
    private static JsonObject Set(JsonObject target, string name, bool has, JsonNode value)
    {
        if (has)
        {
            target[name] = value;
        }

        return target;
    }

    private static JsonObject Kind(string kind, JsonObject config) => new() { [kind] = config };

    private static JsonObject Scalar(G.ScalarQuantization scalar)
    {
        var config = new JsonObject { ["type"] = scalar.Type == G.QuantizationType.Int8 ? "int8" : "unknown" };
        Set(config, "quantile", scalar.HasQuantile, scalar.Quantile);
        return Set(config, "always_ram", scalar.HasAlwaysRam, scalar.AlwaysRam);
    }

    private static JsonObject Product(G.ProductQuantization product)
    {
        var config = new JsonObject
        {
            ["compression"] = product.Compression switch
            {
                G.CompressionRatio.X4 => "x4",
                G.CompressionRatio.X8 => "x8",
                G.CompressionRatio.X16 => "x16",
                G.CompressionRatio.X32 => "x32",
                G.CompressionRatio.X64 => "x64",
                var other => $"{(int)other}",
            },
        };
        return Set(config, "always_ram", product.HasAlwaysRam, product.AlwaysRam);
    }
}
