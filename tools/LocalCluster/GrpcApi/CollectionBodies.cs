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
        if (vectors.HasOnDisk)
        {
            vectorParams["on_disk"] = vectors.OnDisk;
        }

        var body = new JsonObject { ["vectors"] = vectorParams };
        if (request.HasShardNumber)
        {
            body["shard_number"] = request.ShardNumber;
        }

        if (request.HasReplicationFactor)
        {
            body["replication_factor"] = request.ReplicationFactor;
        }

        if (request.HasOnDiskPayload)
        {
            body["on_disk_payload"] = request.OnDiskPayload;
        }

        Sections(body, request.HnswConfig, request.OptimizersConfig);
        if (request.QuantizationConfig is { } quantization)
        {
            body["quantization_config"] = quantization.QuantizationCase switch
            {
                G.QuantizationConfig.QuantizationOneofCase.Scalar => Kind("scalar", Scalar(quantization.Scalar)),
                G.QuantizationConfig.QuantizationOneofCase.Product => Kind("product", Product(quantization.Product)),
                G.QuantizationConfig.QuantizationOneofCase.Binary => Kind("binary", AlwaysRam(new JsonObject(), quantization.Binary.HasAlwaysRam, quantization.Binary.AlwaysRam)),
                _ => throw ApiException.Format("quantization_config: expected one of scalar, product, binary"),
            };
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

            var vectors = new JsonObject();
            if (vectorsDiff.Params.HasOnDisk)
            {
                vectors["on_disk"] = vectorsDiff.Params.OnDisk;
            }

            body["vectors"] = vectors;
        }

        if (request.Params is { } parameters)
        {
            var diff = new JsonObject();
            if (parameters.HasReplicationFactor)
            {
                diff["replication_factor"] = parameters.ReplicationFactor;
            }

            if (parameters.HasWriteConsistencyFactor)
            {
                diff["write_consistency_factor"] = parameters.WriteConsistencyFactor;
            }

            if (parameters.HasOnDiskPayload)
            {
                diff["on_disk_payload"] = parameters.OnDiskPayload;
            }

            body["params"] = diff;
        }

        if (request.QuantizationConfig is { } quantization)
        {
            body["quantization_config"] = quantization.QuantizationCase switch
            {
                G.QuantizationConfigDiff.QuantizationOneofCase.Scalar => Kind("scalar", Scalar(quantization.Scalar)),
                G.QuantizationConfigDiff.QuantizationOneofCase.Product => Kind("product", Product(quantization.Product)),
                G.QuantizationConfigDiff.QuantizationOneofCase.Binary => Kind("binary", AlwaysRam(new JsonObject(), quantization.Binary.HasAlwaysRam, quantization.Binary.AlwaysRam)),
                G.QuantizationConfigDiff.QuantizationOneofCase.Disabled => JsonValue.Create("Disabled"),
                _ => throw ApiException.Format("quantization_config: expected one of scalar, product, binary, disabled"),
            };
        }

        return CollectionConfigParser.Update(current, JsonSerializer.SerializeToElement(body));
    }

    private static void Sections(JsonObject body, G.HnswConfigDiff? hnsw, G.OptimizersConfigDiff? optimizers)
    {
        if (hnsw is not null)
        {
            var config = new JsonObject();
            if (hnsw.HasM)
            {
                config["m"] = hnsw.M;
            }

            if (hnsw.HasEfConstruct)
            {
                config["ef_construct"] = hnsw.EfConstruct;
            }

            if (hnsw.HasFullScanThreshold)
            {
                config["full_scan_threshold"] = hnsw.FullScanThreshold;
            }

            if (hnsw.HasOnDisk)
            {
                config["on_disk"] = hnsw.OnDisk;
            }

            body["hnsw_config"] = config;
        }

        if (optimizers is { HasIndexingThreshold: true })
        {
            body["optimizers_config"] = new JsonObject { ["indexing_threshold"] = optimizers.IndexingThreshold };
        }
    }

    private static JsonObject Kind(string kind, JsonObject config) => new() { [kind] = config };

    private static JsonObject Scalar(G.ScalarQuantization scalar)
    {
        var config = new JsonObject { ["type"] = scalar.Type == G.QuantizationType.Int8 ? "int8" : "unknown" };
        if (scalar.HasQuantile)
        {
            config["quantile"] = scalar.Quantile;
        }

        return AlwaysRam(config, scalar.HasAlwaysRam, scalar.AlwaysRam);
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
        return AlwaysRam(config, product.HasAlwaysRam, product.AlwaysRam);
    }

    private static JsonObject AlwaysRam(JsonObject config, bool has, bool value)
    {
        if (has)
        {
            config["always_ram"] = value;
        }

        return config;
    }
}
