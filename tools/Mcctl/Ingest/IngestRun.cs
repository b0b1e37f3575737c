using Spectre.Console;

namespace MultiCluster.Mcctl.Ingest;

/// <summary>
/// One ingest: batches from the checkpoint's row on, each upserted with wait and checkpointed once acknowledged. Points
/// the Orchestrator rejects (a bad id, a wrong dimension) are counted and reported; a batch a cluster failed to take
/// stops the run before its checkpoint, so `--resume` sends it again (upserts by id are idempotent).
/// </summary>
internal sealed class IngestRun(CommandContext ctx, string library, IPointFile points, IngestCheckpoint start, int batchSize, int? maxBatches)
{
    private const int FailuresKept = 10;

    private readonly UpsertStreamResponse _summary = new();
    private IngestCheckpoint _checkpoint = start;
    private bool _stoppedEarly;

    public async Task<UpsertStreamResponse> ExecuteAsync()
    {
        if (ctx.Out.Json)
        {
            await SendAsync(_ => { });
        }
        else
        {
            await LiveProgress.Bar(ctx.Out.Status, "points").StartAsync(async live =>
            {
                var task = live.AddTask(Markup.Escape($"ingest → {library}"), maxValue: Math.Max(1, points.Rows));
                task.Value = _checkpoint.RowsAcknowledged;
                await SendAsync(sent => task.Increment(sent));
                task.StopTask();
            });
        }

        return _summary;
    }

    public void Report(IAnsiConsole console)
    {
        console.MarkupLine($"{Render.Count(_summary.UpsertedCount)} points written to [bold]{Render.Text(library)}[/] in {_summary.BatchCount} batches; " +
            $"rows 0..{_checkpoint.RowsAcknowledged:N0} of {points.Rows:N0} acknowledged");
        if (_summary.FailureCount > 0)
        {
            console.MarkupLine($"[red]{_summary.FailureCount:N0} points rejected[/]; the first:");
            foreach (var failure in _summary.Failures)
            {
                console.MarkupLine($"  {Render.Text(failure.Id)}: {Render.Text(failure.Reason)}");
            }
        }

        if (_stoppedEarly)
        {
            console.MarkupLine($"stopped after {maxBatches} batches (--max-batches); continue with [bold]--resume[/]");
        }
    }

    private async Task SendAsync(Action<int> sent)
    {
        foreach (var batch in points.Read(_checkpoint.RowsAcknowledged).Chunk(batchSize))
        {
            if (maxBatches is { } max && _summary.BatchCount >= (ulong)max)
            {
                _stoppedEarly = true;
                return;
            }

            var request = new UpsertRequest { Library = library, Wait = true };
            request.Points.AddRange(batch);
            var response = await ctx.Mesh.Orchestrator.UpsertAsync(request, deadline: ctx.Deadline, cancellationToken: ctx.Cancellation);
            var lost = response.Failures.Where(f => f.Code != "INVALID_ARGUMENT").ToList();
            if (lost.Count > 0)
            {
                throw new CliException(ExitCodes.Unavailable,
                    $"rows {_checkpoint.RowsAcknowledged:N0}..{_checkpoint.RowsAcknowledged + batch.Length - 1:N0} were not all written ({lost[0].Code} on {Render.Cluster(lost[0].Cluster)}: " +
                    $"{lost[0].Reason}); everything before is acknowledged: run the same command with --resume when the cluster is back.");
            }

            Count(response);
            _checkpoint = _checkpoint with { RowsAcknowledged = _checkpoint.RowsAcknowledged + batch.Length };
            _checkpoint.Save();
            sent(batch.Length);
        }

        // Saved even when nothing was left to send, so a rerun with --resume of a finished file sends nothing.
        _checkpoint.Save();
    }

    private void Count(UpsertResponse response)
    {
        _summary.BatchCount++;
        _summary.UpsertedCount += response.UpsertedCount;
        _summary.FailureCount += (ulong)response.Failures.Count;
        _summary.Partial |= response.Partial;
        _summary.Failures.AddRange(response.Failures.Take(FailuresKept - _summary.Failures.Count));
    }
}
