using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// The one table from optimization strategy to collection settings (repeated in the service's README, and a test
/// holds the two together). Qdrant's defaults are m 16, ef_construct 100; search ef is a query parameter the
/// Orchestrator passes from the placement. Replication within a cluster stays 1 for every strategy: cross-cluster
/// replicas are placements, and a second in-cluster copy needs a multi-node cluster to mean anything.
/// </summary>
public static class StrategySettings
{
    public static CollectionSettings For(OptimizationStrategy strategy) => strategy switch
    {
        OptimizationStrategy.Latency => new CollectionSettings
        {
            HnswM = 16, HnswEfConstruct = 128, HnswEf = 64, Quantization = Quantization.ScalarInt8, QuantizationAlwaysRam = true,
            OnDisk = false, HnswOnDisk = false, ShardNumber = 1, ReplicationFactor = 1,
        },
        OptimizationStrategy.Recall => new CollectionSettings
        {
            HnswM = 32, HnswEfConstruct = 256, HnswEf = 256, Quantization = Quantization.None,
            OnDisk = false, HnswOnDisk = false, ShardNumber = 1, ReplicationFactor = 1,
        },
        OptimizationStrategy.Memory => new CollectionSettings
        {
            HnswM = 8, HnswEfConstruct = 64, HnswEf = 64, Quantization = Quantization.ScalarInt8, ScalarQuantile = 0.99f, QuantizationAlwaysRam = true,
            OnDisk = true, HnswOnDisk = true, ShardNumber = 1, ReplicationFactor = 1,
        },
        OptimizationStrategy.Throughput => new CollectionSettings
        {
            HnswM = 16, HnswEfConstruct = 100, HnswEf = 64, Quantization = Quantization.ScalarInt8, QuantizationAlwaysRam = true,
            OnDisk = false, HnswOnDisk = false, ShardNumber = 2, ReplicationFactor = 1,
        },
        _ => new CollectionSettings
        {
            HnswM = 16, HnswEfConstruct = 100, HnswEf = 128, Quantization = Quantization.None,
            OnDisk = false, HnswOnDisk = false, ShardNumber = 1, ReplicationFactor = 1,
        },
    };
}
