using MultiCluster.Clusters;

namespace MultiCluster.Specialization.Verification;

/// <summary>The digest of every point of one collection copy, read in full in id order.</summary>
public static class CollectionDigest
{
    public static async Task<PointDigest> ComputeAsync(IVectorCluster cluster, string collection, CancellationToken cancellationToken, int pageSize = RangeReconciler.DefaultRangeSize)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var digest = new PointDigest();
        var reading = cluster.ScrollAsync(collection, Page(null), cancellationToken);
        while (true)
        {
            var page = await reading;
            // The next page is read while this one is hashed.
            if (page.NextOffset is not null)
            {
                reading = cluster.ScrollAsync(collection, Page(page.NextOffset), cancellationToken);
            }

            digest.AddRange(page.Points);
            if (page.NextOffset is null)
            {
                return digest;
            }
        }

        ScrollRequest Page(string? offset) => new(pageSize, offset, WithPayload: true, WithVectors: true);
    }
}
