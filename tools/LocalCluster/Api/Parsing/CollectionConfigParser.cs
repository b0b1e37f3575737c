using System.Text.Json;
using System.Text.Json.Nodes;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Api.Parsing;

/// <summary>
/// PUT /collections/{name} and PATCH bodies into the configuration object Qdrant returns: the given settings over
/// Qdrant's documented defaults (hnsw m 16 / ef_construct 100, wal 32 MB, one shard, one replica, ...).
/// </summary>
public static class CollectionConfigParser
{
    public static CollectionConfig Create(JsonElement body)
    {
        var vectors = body.Optional("vectors") ?? throw ApiException.Format("missing field `vectors` (LocalCluster needs one unnamed dense vector)");
        if (vectors.ValueKind != JsonValueKind.Object || vectors.Optional("size") is null)
        {
            throw ApiException.Unsupported("`vectors` must be {\"size\": N, \"distance\": ...}: named and sparse vectors are not supported by LocalCluster");
        }

        var size = vectors.OptionalCount("size", 1, "vectors.size")!.Value;
        if (size > CollectionConfig.MaxDimension)
        {
            throw ApiException.Validation("vectors.size", $"value {size} invalid, must be {CollectionConfig.MaxDimension} or smaller");
        }

        var distanceName = vectors.OptionalString("distance") ?? throw ApiException.Format("vectors: missing field `distance`");
        if (!DistanceNames.TryParse(distanceName, out var distance))
        {
            throw ApiException.Format($"vectors.distance: unknown variant `{distanceName}`, expected one of `Cosine`, `Euclid`, `Dot`, `Manhattan`");
        }

        Validate(body, isUpdate: false);
        var vectorParams = Node(vectors).AsObject();
        var settings = new JsonObject
        {
            ["params"] = new JsonObject
            {
                ["vectors"] = vectorParams,
                ["shard_number"] = body.OptionalCount("shard_number", 1) ?? 1,
                ["replication_factor"] = body.OptionalCount("replication_factor", 1) ?? 1,
                ["write_consistency_factor"] = body.OptionalCount("write_consistency_factor", 1) ?? 1,
                ["on_disk_payload"] = body.OptionalBool("on_disk_payload") ?? true,
            },
            ["hnsw_config"] = Merge(Defaults.Hnsw(), body.Optional("hnsw_config")),
            ["optimizer_config"] = Merge(Defaults.Optimizer(), body.Optional("optimizers_config")),
            ["wal_config"] = Merge(Defaults.Wal(), body.Optional("wal_config")),
            ["quantization_config"] = body.Optional("quantization_config") is { } q ? Node(q) : null,
        };
        if (body.Optional("metadata") is { } metadata)
        {
            settings["metadata"] = Node(metadata);
        }

        return new CollectionConfig(size, distance, JsonSerializer.SerializeToElement(settings));
    }

    /// <summary>PATCH: each given section merged over the stored one; vector size and distance stay.</summary>
    public static CollectionConfig Update(CollectionConfig current, JsonElement body)
    {
        Validate(body, isUpdate: true);
        var settings = JsonNode.Parse(current.Settings.GetRawText())!.AsObject();
        var parameters = settings["params"]!.AsObject();
        Merge(parameters, body.Optional("params"));
        if (body.Optional("vectors") is { } vectors)
        {
            Merge(parameters["vectors"]!.AsObject(), vectors.Optional("") ?? vectors);
        }

        settings["hnsw_config"] = Merge(settings["hnsw_config"]?.AsObject() ?? Defaults.Hnsw(), body.Optional("hnsw_config"));
        settings["optimizer_config"] = Merge(settings["optimizer_config"]?.AsObject() ?? Defaults.Optimizer(), body.Optional("optimizers_config"));
        if (body.Optional("quantization_config") is { } quantization)
        {
            // "Disabled" removes quantization (Qdrant's QuantizationConfigDiff::Disabled).
            settings["quantization_config"] = quantization.ValueKind == JsonValueKind.String ? null : Node(quantization);
        }

        if (body.Optional("metadata") is { } metadata)
        {
            settings["metadata"] = Merge(settings["metadata"] as JsonObject ?? [], metadata);
        }

        var parsed = CollectionConfig.FromSettings(JsonSerializer.SerializeToElement(settings));
        if (parsed.Size != current.Size || parsed.Distance != current.Distance)
        {
            throw ApiException.WrongInput("the vector size and distance of an existing collection cannot change");
        }

        return parsed;
    }

    private static void Validate(JsonElement body, bool isUpdate)
    {
        if (body.Optional("hnsw_config") is { } hnsw)
        {
            hnsw.OptionalCount("m", label: "hnsw_config.m");
            hnsw.OptionalCount("ef_construct", 4, "hnsw_config.ef_construct");
            hnsw.OptionalBool("on_disk");
        }

        if (body.Optional("optimizers_config") is { } optimizers)
        {
            optimizers.OptionalCount("indexing_threshold", label: "optimizers_config.indexing_threshold");
        }

        if (body.Optional("params") is { } parameters)
        {
            parameters.OptionalCount("replication_factor", 1, "params.replication_factor");
        }

        if (body.Optional("quantization_config") is { } quantization)
        {
            QuantizationConfigParser.Validate(quantization, isUpdate);
        }
    }

    /// <summary>Copies every non-null field of <paramref name="diff"/> over <paramref name="target"/>.</summary>
    private static JsonObject Merge(JsonObject target, JsonElement? diff)
    {
        if (diff is not { ValueKind: JsonValueKind.Object } changes)
        {
            return target;
        }

        foreach (var property in changes.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                target[property.Name] = Node(property.Value);
            }
        }

        return target;
    }

    private static JsonNode Node(JsonElement value) => JsonNode.Parse(value.GetRawText())!;

    /// <summary>Qdrant's defaults for the sections a create request may leave out.</summary>
    private static class Defaults
    {
        public static JsonObject Hnsw() => new()
        {
            ["m"] = 16,
            ["ef_construct"] = 100,
            ["full_scan_threshold"] = 10_000,
            ["max_indexing_threads"] = 0,
            ["on_disk"] = false,
        };

        public static JsonObject Optimizer() => new()
        {
            ["deleted_threshold"] = 0.2,
            ["vacuum_min_vector_number"] = 1000,
            ["default_segment_number"] = 0,
            ["max_segment_size"] = null,
            ["memmap_threshold"] = null,
            // Qdrant's documented default (optimizers_config.indexing_threshold: "Default value is 20,000"), as the contract says.
            ["indexing_threshold"] = 20_000,
            ["flush_interval_sec"] = 5,
            ["max_optimization_threads"] = null,
        };

        public static JsonObject Wal() => new()
        {
            ["wal_capacity_mb"] = 32,
            ["wal_segments_ahead"] = 0,
            ["wal_retain_closed"] = 1,
        };
    }
}
