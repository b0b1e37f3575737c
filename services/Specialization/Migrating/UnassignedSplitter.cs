using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Maps;
using MultiCluster.Specialization.Routing;
using MultiCluster.Specialization.Verification;

namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// The phases of a split of "{library}__unassigned" into the domains of one map version, each safe to run again after
/// a crash: PREPARING (the map must have centroids and every domain of it a route; routing itself does not change —
/// SpecializeCluster routed the domains before queueing the split), COPYING (the move's reader and writers with
/// <see cref="SplitBatchWriter"/> as page writer: every page classified, written, read back and compared, the checkpoint
/// stored after it), VERIFYING (every page was verified as it was written; the totals are recorded), CLEANING_UP (after
/// the grace period, kept across restarts, the ids that some domain now holds are deleted from "unassigned" by id — the
/// collection stays, for points an Orchestrator that has not seen the domains yet still writes there), then, when points
/// arrived meanwhile, another pass from COPYING, at most <see cref="MaxPasses"/> in all, before COMPLETED.
/// </summary>
public sealed partial class UnassignedSplitter(
    IClusterRegistry registry,
    RoutingTableStore routing,
    DomainMapSource maps,
    MigrationJournal journal,
    BatchCopier copier,
    SplitBatchWriter writer,
    SpecializationOptions options,
    TimeProvider time,
    ILogger<UnassignedSplitter> logger)
{
    public const int MaxPasses = 3;

    /// <summary>Runs the split's current phase; a <see cref="SplitFailedException"/> means it cannot go on and should end FAILED.</summary>
    public async Task<MigrationRow> StepAsync(MigrationRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var source = registry.GetCluster(row.SourceCluster);
        switch (row.Phase)
        {
            case MigrationPhase.Queued:
            case MigrationPhase.Preparing:
                await NearestAsync(row, cancellationToken);
                var total = await source.CountAsync(row.Collection, null, cancellationToken);
                return await journal.PublishAsync(row with { Phase = MigrationPhase.Copying, PointsTotal = total, Error = null }, cancellationToken);
            case MigrationPhase.Copying:
                var nearest = await NearestAsync(row, cancellationToken);
                var (copied, finished) = await copier.PumpAsync(row, source, async (batch, progress, token) => ((PointDigest?)null, await writer.WriteAsync(row, nearest, batch, progress, token)), cancellationToken);
                return finished ? await journal.PublishAsync(copied with { Phase = MigrationPhase.Verifying, Error = null }, cancellationToken) : copied;
            case MigrationPhase.Verifying:
            case MigrationPhase.Switching:
                var done = (ulong)(row.PointsCopied + row.PointsSkipped);
                return await journal.PublishAsync(row with
                {
                    Verification = new Contracts.V1.Verification { SourceCount = done, TargetCount = done, Matched = true, VerifiedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()) },
                    Phase = MigrationPhase.CleaningUp,
                    CleanupAfter = time.GetUtcNow() + options.CleanupGracePeriod,
                }, cancellationToken);
            case MigrationPhase.CleaningUp:
                return await CleanUpAsync(row, source, cancellationToken);
            default:
                return await journal.PublishAsync(row with { Phase = MigrationPhase.Completed, State = OperationState.Succeeded, FinishedAt = time.GetUtcNow() }, cancellationToken);
        }
    }

    /// <summary>The map's classifier; the map must be whole and each of its domains routed.</summary>
    private async Task<NearestDomain> NearestAsync(MigrationRow row, CancellationToken cancellationToken)
    {
        DomainMap? map;
        try
        {
            map = await maps.GetAsync(row.Library, row.MapVersion, cancellationToken);
        }
        catch (SpecializationException e)
        {
            // Discovery is down and nothing is stored: a cluster-like outage, retried with backoff and then paused.
            throw new TimeoutException(e.Message, e);
        }

        if (map is null || !DomainMaps.IsWhole(map))
        {
            throw new SplitFailedException(new OperationError
            {
                Code = "FAILED_PRECONDITION",
                Message = $"domain map v{row.MapVersion} of {row.Library} has no centroids here and Discovery did not give them; nothing was moved. Resume the split when Discovery answers.",
                Retryable = true,
            });
        }

        var nearest = new NearestDomain(map);
        var table = await routing.GetAsync(row.Library, 0, cancellationToken);
        var unrouted = nearest.Domains.Where(d => table is null || RouteEntries.Find(table, d.DomainId) is null).Select(d => d.DomainId).ToList();
        if (nearest.Domains.Count == 0 || unrouted.Count > 0)
        {
            throw new SplitFailedException(new OperationError
            {
                Code = "FAILED_PRECONDITION",
                Message = nearest.Domains.Count == 0
                    ? $"domain map v{row.MapVersion} of {row.Library} has no domain to split into; nothing was moved."
                    : $"domains {string.Join(", ", unrouted)} of map v{row.MapVersion} have no route; nothing of theirs was moved. Specialize the library (SpecializeCluster) and resume the split.",
                Retryable = true,
            });
        }

        return nearest;
    }

    private async Task<MigrationRow> CleanUpAsync(MigrationRow row, IVectorCluster source, CancellationToken cancellationToken)
    {
        // Orchestrators that have not yet seen the domains read only "unassigned"; they catch up within the grace period.
        var wait = (row.CleanupAfter ?? time.GetUtcNow()) - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        var table = await routing.GetAsync(row.Library, 0, cancellationToken) ?? new RoutingTable { Library = row.Library };
        var entry = RouteEntries.Find(table, LibraryName.Unassigned);
        var holders = (entry is null ? [] : entry.ReadClusters.Concat(entry.WriteClusters).Select(c => c.Name))
            .Append(row.SourceCluster).Distinct(StringComparer.Ordinal).Select(registry.GetCluster).ToList();
        long deleted = 0;
        string? offset = null;
        do
        {
            var page = await source.ScrollAsync(row.Collection, new ScrollRequest(row.BatchSize, offset, WithPayload: false, WithVectors: false), cancellationToken);
            var held = await writer.HeldAsync(row.Library, table, page.Points, withValues: false, cancellationToken);
            var split = page.Points.Select(p => p.Id).Where(held.ContainsKey).ToList();
            if (split.Count > 0)
            {
                await Task.WhenAll(holders.Select(cluster => DeleteAsync(cluster, row.Collection, split, cancellationToken)));
                deleted += split.Count;
            }

            offset = page.Points.Count == 0 ? null : page.NextOffset;
        }
        while (offset is not null);

        var left = await source.CountAsync(row.Collection, null, cancellationToken);
        LogCleaned(row.OperationId, row.Pass, deleted, left);
        if (left > 0 && row.Pass < MaxPasses)
        {
            // Points written to "unassigned" while this pass ran: split them too, from the first id.
            return await journal.PublishAsync(row with
            {
                Pass = row.Pass + 1,
                Phase = MigrationPhase.Copying,
                Checkpoint = null,
                CleanupAfter = null,
                PointsTotal = row.PointsCopied + row.PointsSkipped + left,
            }, cancellationToken);
        }

        return await journal.PublishAsync(row with { Phase = MigrationPhase.Completed, State = OperationState.Succeeded, FinishedAt = time.GetUtcNow(), Error = null }, cancellationToken);
    }

    private static async Task DeleteAsync(IVectorCluster cluster, string collection, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        try
        {
            await cluster.DeleteAsync(collection, ids, wait: true, cancellationToken);
        }
        catch (CollectionNotFoundException)
        {
            // A replica of "unassigned" that is gone holds nothing to delete.
        }
    }

    [LoggerMessage(EventId = 4130, Level = LogLevel.Information, Message = "Split {OperationId} pass {Pass}: {Deleted} split points deleted from unassigned, {Left} left there")]
    private partial void LogCleaned(string operationId, int pass, long deleted, long left);
}
