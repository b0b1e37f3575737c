using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;
using Spectre.Console;

namespace MultiCluster.Mcctl.Commands;

/// <summary>
/// `events tail`: the mesh's changes as they happen. The public contracts stream no raw event bus; what they stream
/// are Discovery's WatchDomainMap (each published map: what domains.discovered announces) and Specialization's
/// WatchRoutingTable (each new routing table: what routing.changed announces), so this follows both, merged.
/// </summary>
internal static class EventsCommand
{
    public static Command Build() => new("events", "Follow the mesh's changes") { Tail() };

    private static Command Tail()
    {
        var library = Arguments.Optional("LIBRARY", "Only this library (all when left out)");
        var count = new Option<int?>("--count", "-n") { Description = "Stop after this many changes (default: until Ctrl-C)" };
        var command = new Command("tail",
            "Print each new domain map (Discovery.WatchDomainMap: domains.discovered) and routing table (Specialization.WatchRoutingTable: routing.changed), " +
            "current ones first, until Ctrl-C or --count")
        {
            library, count,
        };
        return command.Runs(async ctx =>
        {
            var name = ctx.Get(library) ?? "";
            var limit = ctx.Get(count) is { } n ? Arguments.Positive(n, "--count") : uint.MaxValue;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.Cancellation);
            using var maps = ctx.Mesh.Discovery.WatchDomainMap(new WatchDomainMapRequest { Library = name, OmitCentroids = true }, cancellationToken: stop.Token);
            using var tables = ctx.Mesh.Specialization.WatchRoutingTable(new WatchRoutingTableRequest { Library = name }, cancellationToken: stop.Token);
            var merged = Channel.CreateUnbounded<(string Kind, IMessage Message)>();
            var readers = Task.WhenAll(
                PumpAsync(maps.ResponseStream, "domainMap", merged.Writer, stop.Token),
                PumpAsync(tables.ResponseStream, "routingTable", merged.Writer, stop.Token));
            _ = readers.ContinueWith(t => merged.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);
            var seen = 0u;
            await foreach (var (kind, message) in merged.Reader.ReadAllAsync(ctx.Cancellation))
            {
                ctx.Out.Emit([(kind, message)], console => console.MarkupLine(Line(message)));
                if (++seen >= limit)
                {
                    await stop.CancelAsync();
                    break;
                }
            }

            return ExitCodes.Ok;
        });
    }

    private static async Task PumpAsync<T>(IAsyncStreamReader<T> stream, string kind, ChannelWriter<(string, IMessage)> writer, CancellationToken cancellation)
        where T : IMessage
    {
        try
        {
            while (await stream.MoveNext(cancellation))
            {
                await writer.WriteAsync((kind, stream.Current), cancellation);
            }
        }
        catch (Exception) when (cancellation.IsCancellationRequested)
        {
            // Stopped by --count or Ctrl-C: the end of the tail, not a failure.
        }
    }

    private static string Line(IMessage message) => $"{DateTime.UtcNow:HH:mm:ss} " + message switch
    {
        WatchDomainMapResponse { Map: { } map } =>
            $"[blue]domains.discovered[/] {Render.Text(map.Library)} map v{map.Version}: {map.Domains.Count} domains, {Render.Count(map.TotalPoints)} points",
        WatchRoutingTableResponse { Table: { } table } =>
            $"[green]routing.changed[/] {Render.Text(table.Library)} routing v{table.Version} (map v{table.DomainMapVersion}): {table.Entries.Count} entries, " +
            $"{table.Entries.Count(e => e.Migrating)} migrating",
        _ => Render.Text(message.ToString()),
    };
}
