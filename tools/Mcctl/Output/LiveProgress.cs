using Google.Protobuf;
using Grpc.Core;
using Spectre.Console;

namespace MultiCluster.Mcctl.Output;

/// <summary>
/// Progress on stderr: a bar with rate and ETA for work mcctl does (ingest), and the live state of a server-side
/// operation followed through its Watch* stream until it ends (each streamed message a JSON line with --output json).
/// </summary>
internal static class LiveProgress
{
    /// <summary>A bar with the rate in <paramref name="unit"/> per second, or without a rate when null (an operation's overall percent).</summary>
    public static Progress Bar(IAnsiConsole console, string? unit) => console.Progress()
        .AutoClear(false)
        .HideCompleted(false)
        .Columns(
        [
            new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
            .. unit is null ? Array.Empty<ProgressColumn>() : [new RateColumn(unit)],
            new RemainingTimeColumn(), new SpinnerColumn(),
        ]);

    /// <summary>
    /// Reads <paramref name="stream"/> until a message whose progress is terminal and returns that message (null when
    /// the stream ended first); <paramref name="describe"/> gives the bar's text for each message.
    /// </summary>
    public static async Task<T?> FollowAsync<T>(CommandContext ctx, IAsyncStreamReader<T> stream, Func<T, OperationProgress?> progress, Func<T, string> describe)
        where T : class, IMessage
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(stream);
        if (ctx.Out.Json)
        {
            T? last = null;
            while (last is null || progress(last) is not { Terminal: true })
            {
                if (!await stream.MoveNext(ctx.Cancellation))
                {
                    return last;
                }

                last = stream.Current;
                ctx.Out.Emit(last, _ => { });
            }

            return last;
        }

        return await Bar(ctx.Out.Status, unit: null).StartAsync(async live =>
        {
            var task = live.AddTask("starting", maxValue: 100);
            T? last = null;
            while (last is null || progress(last) is not { Terminal: true })
            {
                if (!await stream.MoveNext(ctx.Cancellation))
                {
                    break;
                }

                last = stream.Current;
                var state = progress(last) ?? new OperationProgress();
                task.Description = Markup.Escape(describe(last));
                // The overall percent across phases: done/total count only the current phase's units.
                task.Value = state.Terminal && state.State == OperationState.Succeeded ? 100 : Math.Clamp(state.Percent, 0, 100);
            }

            task.StopTask();
            return last;
        });
    }
}
