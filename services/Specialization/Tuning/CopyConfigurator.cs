using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// Changes one copy of a collection and reports the settings in effect afterwards (described again, not assumed).
/// A cluster's refusal or absence becomes the copy's error; it never fails the other copies.
/// </summary>
public static class CopyConfigurator
{
    public static async Task<CollectionUpdateResult> ApplyAsync(IVectorCluster cluster, string collection, CollectionSettings settings, IReadOnlySet<string> fields, uint hnswEf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(fields);
        var result = new CollectionUpdateResult { Cluster = new ClusterRef { Name = cluster.Name }, CollectionName = collection };
        try
        {
            var before = (await cluster.DescribeCollectionAsync(collection, cancellationToken)).Spec;
            if (fields.Contains("shard_number") && settings.ShardNumber != 0 && settings.ShardNumber != before.ShardNumber)
            {
                result.Settings = CollectionTuning.FromSpec(before, hnswEf);
                result.Error = new OperationError
                {
                    Code = "FAILED_PRECONDITION",
                    Message = $"settings.shard_number: '{collection}' on {cluster.Name} has {before.ShardNumber} shard(s) and shards cannot change after creation; leave shard_number out of the update, or migrate the domain into a new collection.",
                    Cluster = result.Cluster,
                };
                return result;
            }

            var update = CollectionTuning.ToUpdate(settings, fields);
            if (!update.IsEmpty)
            {
                await cluster.UpdateCollectionAsync(collection, update, cancellationToken);
            }

            var after = (await cluster.DescribeCollectionAsync(collection, cancellationToken)).Spec;
            result.Settings = CollectionTuning.FromSpec(after, hnswEf);
            result.Reindexing = before.HnswM != after.HnswM || before.HnswEfConstruct != after.HnswEfConstruct || before.HnswOnDisk != after.HnswOnDisk
                || !Equals(before.Quantization, after.Quantization);
        }
        catch (VectorClusterException e)
        {
            result.Error = new OperationError
            {
                Code = e switch
                {
                    CollectionNotFoundException => "NOT_FOUND",
                    InvalidClusterRequestException => "INVALID_ARGUMENT",
                    _ => "UNAVAILABLE",
                },
                Message = e.Message,
                Retryable = e is not (CollectionNotFoundException or InvalidClusterRequestException),
                Cluster = result.Cluster,
            };
        }

        return result;
    }
}
