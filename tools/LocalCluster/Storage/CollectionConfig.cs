using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiCluster.LocalCluster.Storage;

/// <summary>
/// What a collection is: its vector size and distance, which the engine uses, plus Qdrant's whole configuration
/// object (params, hnsw_config, optimizer_config, wal_config, quantization_config), which is stored and echoed but
/// not interpreted: one node searches exactly whatever the tuning says.
/// </summary>
public sealed class CollectionConfig
{
    public const int MaxDimension = 65_536;

    public CollectionConfig(int size, Distance distance, JsonElement settings)
    {
        if (size is < 1 or > MaxDimension)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A vector size must be between 1 and {MaxDimension}.");
        }

        Size = size;
        Distance = distance;
        Settings = settings.Clone();
    }

    public int Size { get; }

    public Distance Distance { get; }

    /// <summary>The configuration object as GET /collections/{name} returns it under "config".</summary>
    public JsonElement Settings { get; }

    /// <summary>A configuration with nothing but the vector parameters, for in-process use (benchmarks, tests).</summary>
    public static CollectionConfig Of(int size, Distance distance)
    {
        var settings = new JsonObject
        {
            ["params"] = new JsonObject { ["vectors"] = new JsonObject { ["size"] = size, ["distance"] = distance.Name() } },
        };
        return new CollectionConfig(size, distance, JsonSerializer.SerializeToElement(settings));
    }

    /// <summary>Reads size and distance back from a stored configuration object.</summary>
    public static CollectionConfig FromSettings(JsonElement settings)
    {
        if (!settings.TryGetProperty("params", out var parameters)
            || !parameters.TryGetProperty("vectors", out var vectors)
            || !vectors.TryGetProperty("size", out var size)
            || !vectors.TryGetProperty("distance", out var distanceName)
            || !DistanceNames.TryParse(distanceName.GetString(), out var distance))
        {
            throw new StorageException("The stored collection configuration lacks params.vectors.size or distance.");
        }

        return new CollectionConfig(size.GetInt32(), distance, settings);
    }
}
