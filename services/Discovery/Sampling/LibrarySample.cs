using System.Text.Json.Nodes;
using MultiCluster.Discovery.Clustering;
using MultiCluster.Discovery.Domains;
using ContractDistance = MultiCluster.Contracts.V1.Distance;

namespace MultiCluster.Discovery.Sampling;

/// <summary>
/// Points drawn from a library, as stored (not yet prepared for clustering), with the domain each is stored under
/// (from its collection's name; null for points given inline), which validation compares with the domain the map
/// would give it.
/// </summary>
public sealed record LibrarySample(VectorSet Vectors, IReadOnlyList<string> Ids, IReadOnlyList<JsonObject?> Payloads, IReadOnlyList<string?>? StoredDomainIds)
{
    public int Count => Ids.Count;

    /// <summary>The sample as the strategies and the domain layer take it (normalised for cosine libraries).</summary>
    public AnalysisSample Prepare(ContractDistance distance) => new(VectorSpace.Prepare(Vectors, distance), Ids, Payloads) { StoredDomains = StoredDomainIds };
}
