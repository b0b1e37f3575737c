using VerificationResult = MultiCluster.Contracts.V1.Verification;

namespace MultiCluster.Specialization.Migrating;

/// <summary>What a comparison of a source and a target collection found.</summary>
/// <param name="Verification">Counts and digests of both, and whether they match.</param>
/// <param name="Stale">Ids the target lacks or holds with other contents than the source.</param>
/// <param name="Extra">Ids the target holds and the source does not.</param>
public sealed record CollectionDifference(VerificationResult Verification, IReadOnlyList<string> Stale, IReadOnlyList<string> Extra);
