using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using ClusterDistance = MultiCluster.Clusters.Distance;

namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// Collection settings of the contract onto the cluster port's, and back. hnsw_ef is a query parameter, not a
/// collection setting: it travels in placements and is never sent to a cluster.
/// </summary>
public static class CollectionTuning
{
    /// <summary>The spec a collection is created with; zero settings leave the cluster's default.</summary>
    public static CollectionSpec ToSpec(string collection, int dimension, ClusterDistance distance, CollectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new CollectionSpec(
            collection,
            dimension,
            distance,
            HnswM: settings.HnswM == 0 ? null : (int)settings.HnswM,
            HnswEfConstruct: settings.HnswEfConstruct == 0 ? null : (int)settings.HnswEfConstruct,
            OnDisk: settings.OnDisk,
            Quantization: Quantization(settings),
            ShardNumber: settings.ShardNumber == 0 ? null : (int)settings.ShardNumber,
            ReplicationFactor: settings.ReplicationFactor == 0 ? null : (int)settings.ReplicationFactor,
            HnswOnDisk: settings.HnswOnDisk,
            IndexingThresholdKb: settings.IndexingThresholdKb == 0 ? null : (long)settings.IndexingThresholdKb);
    }

    /// <summary>
    /// The change that sets the <paramref name="fields"/> of <paramref name="settings"/> (see <see cref="SettingsMask"/>).
    /// shard_number and hnsw_ef are not part of it: shards cannot change after creation and ef is a query parameter.
    /// </summary>
    public static CollectionUpdate ToUpdate(CollectionSettings settings, IReadOnlySet<string> fields)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(fields);
        var quantization = fields.Contains(SettingsMask.Quantization) ? settings.Quantization : Contracts.V1.Quantization.Unspecified;
        return new CollectionUpdate(
            HnswM: fields.Contains("hnsw_m") ? (int)settings.HnswM : null,
            HnswEfConstruct: fields.Contains("hnsw_ef_construct") ? (int)settings.HnswEfConstruct : null,
            HnswOnDisk: fields.Contains("hnsw_on_disk") ? settings.HnswOnDisk : null,
            OnDisk: fields.Contains("on_disk") ? settings.OnDisk : null,
            Quantization: quantization is Contracts.V1.Quantization.Unspecified or Contracts.V1.Quantization.None ? null : Quantization(settings, fields.Contains("quantization_always_ram")),
            DisableQuantization: quantization == Contracts.V1.Quantization.None,
            IndexingThresholdKb: fields.Contains("indexing_threshold_kb") ? (long)settings.IndexingThresholdKb : null,
            ReplicationFactor: fields.Contains("replication_factor") ? (int)settings.ReplicationFactor : null);
    }

    /// <summary>The settings a described collection has in effect, in the contract's terms; hnsw_ef comes from the placement.</summary>
    public static CollectionSettings FromSpec(CollectionSpec spec, uint hnswEf = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var settings = new CollectionSettings
        {
            HnswM = (uint)(spec.HnswM ?? 0),
            HnswEfConstruct = (uint)(spec.HnswEfConstruct ?? 0),
            HnswEf = hnswEf,
            OnDisk = spec.OnDisk ?? false,
            HnswOnDisk = spec.HnswOnDisk ?? false,
            ShardNumber = (uint)(spec.ShardNumber ?? 0),
            ReplicationFactor = (uint)(spec.ReplicationFactor ?? 0),
            IndexingThresholdKb = (ulong)(spec.IndexingThresholdKb ?? 0),
            QuantizationAlwaysRam = spec.Quantization?.AlwaysRam ?? false,
        };
        switch (spec.Quantization)
        {
            case null:
                settings.Quantization = Contracts.V1.Quantization.None;
                break;
            case ScalarQuantization scalar:
                settings.Quantization = Contracts.V1.Quantization.ScalarInt8;
                settings.ScalarQuantile = scalar.Quantile ?? 0;
                break;
            case ProductQuantization product:
                settings.Quantization = Contracts.V1.Quantization.Product;
                settings.ProductCompressionRatio = (uint)product.Compression;
                break;
            case BinaryQuantization:
                settings.Quantization = Contracts.V1.Quantization.Binary;
                break;
        }

        return settings;
    }

    /// <summary>Creates the collection unless it exists already (a resumed or repeated step finds it there).</summary>
    public static async Task EnsureAsync(IVectorCluster cluster, CollectionSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        try
        {
            await cluster.CreateCollectionAsync(spec, cancellationToken);
        }
        catch (CollectionAlreadyExistsException)
        {
            // Created by an earlier attempt of the same step.
        }
    }

    // always_ram false on a create means "the cluster's default"; on an update it is sent only when the mask names it.
    private static VectorQuantization? Quantization(CollectionSettings settings, bool alwaysRamGiven = false)
    {
        bool? alwaysRam = alwaysRamGiven || settings.QuantizationAlwaysRam ? settings.QuantizationAlwaysRam : null;
        return settings.Quantization switch
        {
            Contracts.V1.Quantization.ScalarInt8 => new ScalarQuantization(settings.ScalarQuantile == 0 ? null : settings.ScalarQuantile, alwaysRam),
            Contracts.V1.Quantization.Product => new ProductQuantization(settings.ProductCompressionRatio == 0 ? ProductCompression.X16 : (ProductCompression)settings.ProductCompressionRatio, alwaysRam),
            Contracts.V1.Quantization.Binary => new BinaryQuantization(alwaysRam),
            _ => null,
        };
    }
}
