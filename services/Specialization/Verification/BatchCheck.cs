namespace MultiCluster.Specialization.Verification;

/// <summary>What checking one written batch of a copy found (<see cref="RangeReconciler.CheckBatchAsync"/>).</summary>
/// <param name="Held">Digest of what the target holds of the batch's ids, as last read back.</param>
/// <param name="Repaired">Points written again or deleted because the target differed.</param>
/// <param name="Matched">False when the target still differed after the last repair: the final check decides then.</param>
public sealed record BatchCheck(PointDigest Held, long Repaired, bool Matched);
