namespace MultiCluster.Specialization.Verification;

/// <summary>
/// What making a target equal to its source found and did (or, in a dry run, would do).
/// </summary>
/// <param name="SourceCount">Points the source held, as walked.</param>
/// <param name="TargetCount">Points the target held before the repair, as walked.</param>
/// <param name="SourceDigest">Digest of the source's points (<see cref="PointDigest"/>).</param>
/// <param name="TargetDigest">Digest of the target's points before the repair.</param>
/// <param name="RangesCompared">Id ranges whose counts and digests were compared.</param>
/// <param name="RangesDiffering">Ranges that differed and got point-level work.</param>
/// <param name="Missing">Points of the source the target lacked, written to it.</param>
/// <param name="Stale">Points the target held with another vector or payload, overwritten with the source's.</param>
/// <param name="Extra">Points of the target the source does not hold, deleted from it.</param>
/// <param name="DryRun">True when nothing was written.</param>
public sealed record ReconcileReport(
    long SourceCount,
    long TargetCount,
    string SourceDigest,
    string TargetDigest,
    int RangesCompared,
    int RangesDiffering,
    long Missing,
    long Stale,
    long Extra,
    bool DryRun)
{
    /// <summary>Points written or deleted (or that would be).</summary>
    public long Repaired => Missing + Stale + Extra;

    /// <summary>True when source and target already held the same points.</summary>
    public bool InSync => Repaired == 0;
}
