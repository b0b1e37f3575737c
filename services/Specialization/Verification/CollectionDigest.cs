using MultiCluster.Clusters;

namespace MultiCluster.Specialization.Verification;

/// <summary>The digest of every point of one collection copy, read in full in id order.</summary>
public static class CollectionDigest
{
    public static async Task<PointDigest> ComputeAsync(IVectorCluster cluster, string collection, CancellationToken cancellationToken, int pageSize = RangeReconciler.DefaultRangeSize)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var digest = new PointDigest();
        string? offset = null;
        do
        {
            var page = await cluster.ScrollAsync(collection, new ScrollRequest(pageSize, offset, WithPayload: true, WithVectors: true), cancellationToken);
            digest.AddRange(page.Points);
            offset = page.NextOffset;
        }
        while (offset is not null);

        return digest;
    }
}
