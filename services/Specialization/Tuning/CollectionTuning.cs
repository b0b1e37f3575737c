using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using ClusterDistance = MultiCluster.Clusters.Distance;

namespace MultiCluster.Specialization.Tuning;

/// <summary>Collection settings of the contract onto the cluster port's, and back.</summary>
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
            Quantization: settings.Quantization == Quantization.ScalarInt8
                ? new ScalarQuantization(settings.ScalarQuantile == 0 ? null : settings.ScalarQuantile, settings.QuantizationAlwaysRam)
                : null,
            ShardNumber: settings.ShardNumber == 0 ? null : (int)settings.ShardNumber,
            ReplicationFactor: settings.ReplicationFactor == 0 ? null : (int)settings.ReplicationFactor);
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
}
