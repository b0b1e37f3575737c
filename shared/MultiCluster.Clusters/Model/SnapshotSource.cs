namespace MultiCluster.Clusters;

/// <summary>
/// Where a cluster fetches a snapshot to recover from: a URL it can download (typically another cluster's snapshot,
/// see <see cref="IVectorCluster.GetSnapshotSource"/>) or a file:// path on its own machine. The API key, when the
/// URL needs one, goes to the recovering cluster in the request body and never into <see cref="ToString"/>.
/// </summary>
/// <param name="Location">URL or file:// path of the snapshot file.</param>
/// <param name="Checksum">SHA-256 of the file, verified before recovery; null to skip the check.</param>
/// <param name="ApiKey">Key of the cluster serving <paramref name="Location"/>, when it requires one.</param>
public sealed record SnapshotSource(Uri Location, string? Checksum = null, string? ApiKey = null)
{
    public override string ToString() =>
        $"SnapshotSource {{ Location = {Location}, Checksum = {Checksum ?? "(none)"}, ApiKey = {(ApiKey is null ? "(none)" : "(set)")} }}";
}
