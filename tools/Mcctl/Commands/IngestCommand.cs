using MultiCluster.Mcctl.Ingest;
using Spectre.Console;

namespace MultiCluster.Mcctl.Commands;

/// <summary>
/// `ingest LIBRARY FILE`: the file's points in batches through the Orchestrator's Upsert (wait=true, so a reply means
/// written), a checkpoint after each acknowledged batch, and `--resume` starting after the last one acknowledged.
/// </summary>
internal static class IngestCommand
{
    public static Command Build()
    {
        var library = Arguments.Library("The library to write into");
        var file = new Argument<string>("FILE") { Description = "A .npy (float32, 2-D), .csv (one vector per row, optional id column) or .jsonl ({\"id\", \"vector\", \"payload\"}) file" };
        var format = new Option<string?>("--format") { Description = "npy, csv or jsonl; by the file's extension when left out" }.AcceptOnlyFromAmong(PointFiles.Formats);
        var idColumn = new Option<string?>("--id-column") { Description = "CSV: the id column, by header name or 0-based index (default: a column named id, else row numbers)" };
        var batchSize = new Option<int>("--batch-size", "-b") { Description = "Points per Upsert call (1 to 10,000)", DefaultValueFactory = _ => 256 };
        var resume = new Option<bool>("--resume") { Description = "Skip the rows a previous run of this file into this library had acknowledged" };
        var maxBatches = new Option<int?>("--max-batches") { Description = "Stop after this many batches (ingest a large file in parts; --resume continues)" };
        var create = new Option<bool>("--create") { Description = "Create the library first, with the file's dimension and --distance" };
        var distance = Arguments.Distance();
        var command = new Command("ingest", "Write the points of a file into a library, with a progress bar (points/s, ETA); resumable")
        {
            library, file, format, idColumn, batchSize, resume, maxBatches, create, distance,
        };
        return command.Runs(async ctx =>
        {
            var size = (int)Arguments.Positive(ctx.Get(batchSize), "--batch-size");
            if (size > 10_000)
            {
                throw CliException.Usage($"--batch-size: {size} is above the Orchestrator's 10,000 points per call.");
            }

            var points = PointFiles.Open(ctx.Get(file), ctx.Get(format), ctx.Get(idColumn));
            var name = ctx.Get(library);
            if (ctx.Get(create))
            {
                await CreateAsync(ctx, name, points, Arguments.ParseDistance(ctx.Get(distance)));
            }

            var checkpoint = Checkpoint(ctx.Get(file), name, ctx.Get(resume), ctx.Out);
            var run = new IngestRun(ctx, name, points, checkpoint, size, ctx.Get(maxBatches) is { } max ? (int)Arguments.Positive(max, "--max-batches") : null);
            var summary = await run.ExecuteAsync();
            ctx.Out.Emit(summary, console => run.Report(console));
            return summary.FailureCount == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
    }

    private static async Task CreateAsync(CommandContext ctx, string name, IPointFile points, Distance distance)
    {
        var dimension = points.Dimension ?? points.Read(0).FirstOrDefault()?.Vector.Count
            ?? throw CliException.Usage("--create: the file has no points to take the dimension from.");
        var created = await ctx.Mesh.Orchestrator.CreateLibraryAsync(
            new CreateLibraryRequest { Name = name, Dimension = (uint)dimension, Distance = distance }, deadline: ctx.Deadline);
        ctx.Out.Status.MarkupLine(created.Created ? $"created library [bold]{Render.Text(name)}[/] ({dimension} dims)" : $"library [bold]{Render.Text(name)}[/] exists");
    }

    private static IngestCheckpoint Checkpoint(string file, string library, bool resume, Printer printer)
    {
        var fresh = IngestCheckpoint.Start(file, library);
        if (!resume || IngestCheckpoint.Load(file, library) is not { } saved)
        {
            return fresh;
        }

        if (!saved.Matches(fresh))
        {
            throw new CliException(ExitCodes.Conflict,
                $"{file} changed since the checkpoint of {library} was written ({IngestCheckpoint.PathFor(file, library)}); rerun without --resume to ingest it from the start.");
        }

        printer.Status.MarkupLine($"resuming after row {saved.RowsAcknowledged:N0} (acknowledged by an earlier run)");
        return saved;
    }
}
