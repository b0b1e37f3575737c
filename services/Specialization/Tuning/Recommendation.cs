using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Tuning;

/// <summary>Settings <see cref="ConfigAdvisor"/> recommends for a collection, why, and what it expects of them.</summary>
/// <param name="Recommended">Every setting as it should be (unchanged ones as they are).</param>
/// <param name="Fields">Names of the fields that change, as an update mask.</param>
/// <param name="Rationale">One sentence with the numbers behind it.</param>
/// <param name="LatencyChangePercent">Expected change of search latency (<see cref="CostModel"/>); negative is faster.</param>
/// <param name="MemoryChangePercent">Expected change of RAM per point (<see cref="CostModel"/>); negative is smaller.</param>
public sealed record Recommendation(CollectionSettings Recommended, IReadOnlySet<string> Fields, string Rationale, double LatencyChangePercent, double MemoryChangePercent);
