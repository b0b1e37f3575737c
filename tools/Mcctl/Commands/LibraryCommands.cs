using Spectre.Console;

namespace MultiCluster.Mcctl.Commands;

/// <summary>`library create|list|drop`: the Orchestrator's CreateLibrary, ListLibraries, DropLibrary.</summary>
internal static class LibraryCommands
{
    public static Command Build() => new("library", "Create, list and drop libraries (logical collections of one dimension and distance)")
    {
        Create(), List(), Drop(),
    };

    private static Command Create()
    {
        var name = Arguments.Library();
        var dimension = new Option<int>("--dimension", "-d") { Description = "Values per vector", Required = true };
        var distance = Arguments.Distance();
        var description = new Option<string>("--description") { Description = "Free text shown by `library list`", DefaultValueFactory = _ => "" };
        var command = new Command("create", "Create a library (nothing changes when it exists with the same dimension and distance)")
        {
            name, dimension, distance, description,
        };
        return command.Runs(async ctx =>
        {
            var response = await ctx.Mesh.Orchestrator.CreateLibraryAsync(
                new CreateLibraryRequest
                {
                    Name = ctx.Get(name),
                    Dimension = Arguments.Positive(ctx.Get(dimension), "--dimension"),
                    Distance = Arguments.ParseDistance(ctx.Get(distance)),
                    Description = ctx.Get(description),
                },
                deadline: ctx.Deadline);
            ctx.Out.Emit(response, console => console.MarkupLine(response.Created
                ? $"created library [bold]{Render.Text(response.Library.Name)}[/] ({response.Library.Dimension} dims, {Render.Name(response.Library.Distance)})"
                : $"library [bold]{Render.Text(response.Library.Name)}[/] already exists with these settings; nothing changed"));
            return ExitCodes.Ok;
        });
    }

    private static Command List()
    {
        var command = new Command("list", "List the libraries with their dimension, distance and point count");
        return command.Runs(async ctx =>
        {
            var response = await ctx.Mesh.Orchestrator.ListLibrariesAsync(new ListLibrariesRequest(), deadline: ctx.Deadline);
            ctx.Out.Emit(response, console =>
            {
                if (response.Libraries.Count == 0)
                {
                    console.MarkupLine("no libraries yet; create one with [bold]mcctl library create NAME --dimension N[/]");
                    return;
                }

                var table = Render.Table("library", "dimension", "distance", "points (approx.)", "created", "description");
                foreach (var library in response.Libraries)
                {
                    table.AddRow(Render.Text(library.Name), library.Dimension.ToString(System.Globalization.CultureInfo.InvariantCulture), Render.Name(library.Distance),
                        Render.Count(library.PointCount), Render.Time(library.CreatedAt), Render.Text(library.Description));
                }

                console.Write(table);
            });
            return ExitCodes.Ok;
        });
    }

    private static Command Drop()
    {
        var name = Arguments.Library();
        var ifExists = new Option<bool>("--if-exists") { Description = "Succeed when there is no such library" };
        var command = new Command("drop", "Drop a library and every collection holding its points, on every cluster") { name, ifExists };
        return command.Runs(async ctx =>
        {
            var response = await ctx.Mesh.Orchestrator.DropLibraryAsync(new DropLibraryRequest { Name = ctx.Get(name), IfExists = ctx.Get(ifExists) }, deadline: ctx.Deadline);
            ctx.Out.Emit(response, console =>
            {
                console.MarkupLine(response.Dropped
                    ? $"dropped library [bold]{Render.Text(ctx.Get(name))}[/] ({response.CollectionsDeleted} collections deleted)"
                    : $"no library [bold]{Render.Text(ctx.Get(name))}[/]; nothing dropped");
                foreach (var failure in response.FailedClusters)
                {
                    console.MarkupLine($"[yellow]not cleaned on {Render.Cluster(failure.Cluster)}[/]: {Render.Text(failure.Reason)}");
                }
            });
            return response.FailedClusters.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
    }
}
