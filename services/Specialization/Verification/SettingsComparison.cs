using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Tuning;

namespace MultiCluster.Specialization.Verification;

/// <summary>Whether a collection as a cluster describes it has the settings its placement asks for.</summary>
public static class SettingsComparison
{
    /// <summary>
    /// Compares what the placement sets (zero fields mean "keep" and are not compared) as the collection would have
    /// been created with it (<see cref="CollectionTuning.ToSpec"/>), so settings the cluster port cannot express
    /// (search-time ef, product or binary quantization) are judged as they were applied.
    /// </summary>
    public static bool Matches(CollectionSettings wanted, CollectionSpec actual)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(actual);
        var expected = CollectionTuning.ToSpec(actual.Name, actual.VectorSize, actual.Distance, wanted);
        return Same(expected.HnswM, actual.HnswM)
            && Same(expected.HnswEfConstruct, actual.HnswEfConstruct)
            && (!wanted.OnDisk || actual.OnDisk == true)
            && (wanted.Quantization == Quantization.Unspecified || (expected.Quantization is null) == (actual.Quantization is null))
            && Same(expected.ShardNumber, actual.ShardNumber)
            && Same(expected.ReplicationFactor, actual.ReplicationFactor);
    }

    private static bool Same(int? expected, int? actual) => expected is null || expected == actual;
}
