using System.Diagnostics;
using System.Threading.Channels;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Verification;

namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// The COPYING phase, verified as it goes: one reader scrolls the source in id order from the checkpoint, a page of
/// batch_size points at a time with vectors and payloads, up to <c>workers</c> pages ahead of the writers; <c>workers</c>
/// writers upsert the pages to the target at once (idempotent by id, wait=true, so a page counts as written only once
/// the target applied it) and read each back by id to check it (<see cref="RangeReconciler.CheckBatchAsync"/>), while
/// the other writers go on writing. After every page the checkpoint, batches and points copied and the running digest
/// of what the checks read back are stored together; a "migration.progress" event goes out every few pages. The reader
/// keeps to max_points_per_second. A pause or cancel asked meanwhile stops the reader; the pages in flight are finished.
/// The split of "unassigned" runs on the same reader and writers (<see cref="PumpAsync"/>) with its own page writer.
/// </summary>
public sealed partial class BatchCopier(MigrationJournal journal, TimeProvider time, ILogger<BatchCopier> logger)
{
    private const int PublishEveryBatches = 10;
    private static readonly TimeSpan PublishEvery = TimeSpan.FromSeconds(2);
    private const int WriteAttempts = 5;

    /// <summary>Copies from the row's checkpoint to the end (or to a pause or cancel); returns the row as last stored.</summary>
    public Task<(MigrationRow Row, bool Finished)> CopyAsync(MigrationRow row, IVectorCluster source, IVectorCluster target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return PumpAsync(row, source, async (batch, progress, token) => (await WriteCheckedAsync(batch, progress, source, target, token), 0L), cancellationToken);
    }

    /// <summary>
    /// Reads the row's collection on <paramref name="source"/> from its checkpoint to the end (or to a pause or cancel)
    /// and hands every page to <paramref name="write"/>, <c>workers</c> pages at once; a page counts as done (and the
    /// checkpoint may move past it) once <paramref name="write"/> returns, with the digest of what it checked on the target (if it checked one) and the number of its points it skipped.
    /// Returns the row as last stored, and whether the end was reached.
    /// </summary>
    public async Task<(MigrationRow Row, bool Finished)> PumpAsync(
        MigrationRow row, IVectorCluster source, Func<CopyBatch, CopyProgress, CancellationToken, Task<(PointDigest? Held, long Skipped)>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(write);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = failed.Token;
        var progress = new CopyProgress(row);
        var channel = Channel.CreateBounded<CopyBatch>(new BoundedChannelOptions(Math.Max(1, row.Workers)) { SingleWriter = true });
        var stopReading = new CancellationTokenSource();
        var saving = new SemaphoreSlim(1, 1);
        var stored = row;
        var lastPublish = time.GetTimestamp();
        var readToEnd = false;

        async Task ReadAsync()
        {
            try
            {
                var offset = row.Checkpoint;
                var clock = Stopwatch.StartNew();
                long read = 0;
                for (var sequence = 0L; !stopReading.IsCancellationRequested; sequence++)
                {
                    if (row.MaxPointsPerSecond > 0 && TimeSpan.FromSeconds((double)read / row.MaxPointsPerSecond) - clock.Elapsed is { } ahead && ahead > TimeSpan.Zero)
                    {
                        await Task.Delay(ahead, time, token);
                    }

                    var page = await source.ScrollAsync(row.Collection, new ScrollRequest(row.BatchSize, offset, WithPayload: true, WithVectors: true), token);
                    if (page.Points.Count > 0)
                    {
                        await channel.Writer.WriteAsync(new CopyBatch(sequence, page.Points, page.NextOffset), token);
                        read += page.Points.Count;
                    }

                    if (page.NextOffset is null || page.Points.Count == 0)
                    {
                        readToEnd = true;
                        break;
                    }

                    offset = page.NextOffset;
                }
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }

        async Task WriteAsync()
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(token))
            {
                var (held, skipped) = await write(batch, progress, token);
                progress.Written(batch, held, skipped);
                await saving.WaitAsync(token);
                try
                {
                    var now = progress.Row;
                    if (now.BatchesDone > stored.BatchesDone)
                    {
                        var publish = now.BatchesDone / PublishEveryBatches != stored.BatchesDone / PublishEveryBatches || time.GetElapsedTime(lastPublish) >= PublishEvery;
                        stored = publish ? await journal.PublishAsync(now with { Error = null }, token) : await journal.SaveAsync(now with { Error = null }, token);
                        lastPublish = publish ? time.GetTimestamp() : lastPublish;
                        if (stored.Requested != MigrationRequest.None)
                        {
                            await stopReading.CancelAsync();
                        }
                    }
                }
                finally
                {
                    saving.Release();
                }
            }
        }

        var reader = Task.Run(ReadAsync, token);
        var writers = Enumerable.Range(0, Math.Max(1, row.Workers)).Select(_ => Task.Run(WriteAsync, token)).ToList();
        try
        {
            await Task.WhenAll(writers.Append(reader));
        }
        catch
        {
            await failed.CancelAsync();
            await Task.WhenAll(writers.Append(reader)).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        finally
        {
            stopReading.Dispose();
            saving.Dispose();
        }

        return (stored, readToEnd && stored.Requested == MigrationRequest.None);
    }

    /// <summary>Writes one page and checks it (unless checksums are skipped); returns the digest of what the target holds of the page's ids.</summary>
    private async Task<PointDigest> WriteCheckedAsync(CopyBatch batch, CopyProgress progress, IVectorCluster source, IVectorCluster target, CancellationToken cancellationToken)
    {
        var row = progress.Row;
        await UpsertAsync(progress, target, row.Collection, batch.Points, batch.Sequence, cancellationToken);
        if (row.SkipChecksums)
        {
            var written = new PointDigest();
            written.AddRange(batch.Points);
            return written;
        }

        var check = await RangeReconciler.CheckBatchAsync(source, target, row.Collection, batch.Points, cancellationToken);
        if (check.Repaired > 0)
        {
            LogBatchRepaired(row.OperationId, batch.Sequence, check.Repaired, check.Matched);
        }

        return check.Held;
    }

    /// <summary>Writes points of page <paramref name="sequence"/>, retrying a failing target with backoff; the error shows in the status meanwhile.</summary>
    public async Task UpsertAsync(CopyProgress progress, IVectorCluster target, string collection, IReadOnlyList<PointRecord> points, long sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(target);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await target.UpsertAsync(collection, points, wait: true, cancellationToken);
                return;
            }
            catch (VectorClusterException e) when (attempt < WriteAttempts)
            {
                LogWriteRetried(progress.Row.OperationId, sequence, target.Name, attempt, e.Message);
                await journal.SaveAsync(progress.Row with { Error = new OperationError
                {
                    Code = "UNAVAILABLE",
                    Message = $"writing a batch to {target.Name} failed ({e.Message}); retrying (attempt {attempt + 1} of {WriteAttempts}).",
                    Retryable = true,
                    Cluster = new ClusterRef { Name = target.Name },
                } }, cancellationToken);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * (1 << attempt)), time, cancellationToken);
            }
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Migration {OperationId}: writing batch {Sequence} to {Cluster} failed (attempt {Attempt}), retrying: {Error}")]
    private partial void LogWriteRetried(string operationId, long sequence, string cluster, int attempt, string error);

    [LoggerMessage(EventId = 4114, Level = LogLevel.Warning, Message = "Migration {OperationId}: batch {Sequence} differed on the target when read back; {Repaired} points written again (matched after: {Matched})")]
    private partial void LogBatchRepaired(string operationId, long sequence, long repaired, bool matched);
}
