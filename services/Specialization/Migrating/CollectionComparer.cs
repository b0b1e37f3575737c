using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using VerificationResult = MultiCluster.Contracts.V1.Verification;
using PointDigest = MultiCluster.Specialization.Verification.PointDigest;

namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// The VERIFYING phase's reads: counts and order-independent digests (<see cref="PointDigest"/>) of source and target,
/// read at once, and — when they differ — exactly which ids differ, so only those are repaired. A mismatch is
/// expected now and then: writes during a move go to both clusters, so a page read before a client's write can land
/// on the target after it, and a point deleted meanwhile can be copied back.
/// </summary>
public sealed class CollectionComparer(TimeProvider time)
{
    private const int PageSize = 1000;

    public async Task<CollectionDifference> CompareAsync(IVectorCluster source, IVectorCluster target, string collection, bool checksums, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (!checksums)
        {
            var counts = await Task.WhenAll(source.CountAsync(collection, null, cancellationToken), target.CountAsync(collection, null, cancellationToken));
            if (counts[0] == counts[1])
            {
                return new CollectionDifference(Verified((counts[0], ""), (counts[1], ""), matched: true), [], []);
            }
        }

        var read = await Task.WhenAll(ScanAsync(source, collection, checksums, cancellationToken), ScanAsync(target, collection, checksums, cancellationToken));
        var (sourcePoints, sourceDigest) = read[0];
        var (targetPoints, targetDigest) = read[1];
        var stale = sourcePoints.Where(p => !targetPoints.TryGetValue(p.Key, out var hash) || hash != p.Value).Select(p => p.Key).ToList();
        var extra = targetPoints.Keys.Where(id => !sourcePoints.ContainsKey(id)).ToList();
        var verification = Verified(
            (sourceDigest.Count, checksums ? sourceDigest.Hex : ""),
            (targetDigest.Count, checksums ? targetDigest.Hex : ""),
            matched: stale.Count == 0 && extra.Count == 0);
        return new CollectionDifference(verification, stale, extra);
    }

    /// <summary>
    /// Copies the stale ids from the source again and deletes the extra ones from the target — unless the source holds
    /// them by now (written meanwhile), in which case they are copied. Returns the points repaired.
    /// </summary>
    public static async Task<long> RepairAsync(IVectorCluster source, IVectorCluster target, string collection, CollectionDifference difference, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(difference);
        long repaired = 0;
        foreach (var ids in difference.Stale.Concat(difference.Extra).Chunk(Math.Max(1, batchSize)))
        {
            var current = await source.RetrieveAsync(collection, ids, withPayload: true, withVectors: true, cancellationToken);
            if (current.Count > 0)
            {
                await target.UpsertAsync(collection, current, wait: true, cancellationToken);
            }

            var present = current.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var gone = ids.Where(id => !present.Contains(id)).ToList();
            if (gone.Count > 0)
            {
                await target.DeleteAsync(collection, gone, wait: true, cancellationToken);
            }

            repaired += ids.Length;
        }

        return repaired;
    }

    private static async Task<(Dictionary<string, UInt128> Points, PointDigest Digest)> ScanAsync(IVectorCluster cluster, string collection, bool checksums, CancellationToken cancellationToken)
    {
        var points = new Dictionary<string, UInt128>(StringComparer.Ordinal);
        var digest = new PointDigest();
        string? offset = null;
        do
        {
            var page = await cluster.ScrollAsync(collection, new ScrollRequest(PageSize, offset, WithPayload: checksums, WithVectors: checksums), cancellationToken);
            foreach (var point in page.Points)
            {
                var hash = checksums ? PointDigest.Of(point) : UInt128.Zero;
                points[point.Id] = hash;
                digest.Add(point);
            }

            offset = page.Points.Count == 0 ? null : page.NextOffset;
        }
        while (offset is not null);
        return (points, digest);
    }

    private VerificationResult Verified((long Count, string Digest) source, (long Count, string Digest) target, bool matched) => new()
    {
        SourceCount = (ulong)source.Count,
        TargetCount = (ulong)target.Count,
        SourceChecksum = source.Digest,
        TargetChecksum = target.Digest,
        Matched = matched,
        VerifiedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
    };
}
