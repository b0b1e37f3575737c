using MultiCluster.LocalCluster.Api.Parsing;
using MultiCluster.LocalCluster.Api.Writing;
using MultiCluster.LocalCluster.Storage.Catalog;
using MultiCluster.LocalCluster.Storage.Snapshots;

namespace MultiCluster.LocalCluster.Api.Endpoints;

/// <summary>Create, list, download and delete collection snapshots, and recover a collection from one.</summary>
public static class SnapshotEndpoints
{
    public static IEndpointRouteBuilder MapSnapshotEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/collections/{name}/snapshots", (string name, CollectionCatalog catalog, SnapshotStore snapshots) =>
        {
            var snapshot = snapshots.Create(catalog.Get(name));
            return QdrantResult.Ok(writer => CollectionJson.WriteSnapshot(writer, snapshot));
        });
        routes.MapGet("/collections/{name}/snapshots", (string name, CollectionCatalog catalog, SnapshotStore snapshots) =>
        {
            var list = snapshots.List(catalog.Get(name).Name);
            return QdrantResult.Ok(writer =>
            {
                writer.WriteStartArray();
                foreach (var snapshot in list)
                {
                    CollectionJson.WriteSnapshot(writer, snapshot);
                }

                writer.WriteEndArray();
            });
        });
        routes.MapGet("/collections/{name}/snapshots/{snapshot}", (string name, string snapshot, SnapshotStore snapshots) =>
            Results.File(snapshots.PathOf(name, snapshot), "application/octet-stream", snapshot));
        routes.MapDelete("/collections/{name}/snapshots/{snapshot}", (string name, string snapshot, SnapshotStore snapshots) =>
            QdrantResult.Ok(snapshots.Delete(name, snapshot)));
        routes.MapPut("/collections/{name}/snapshots/recover", Recover);
        routes.MapPost("/collections/{name}/snapshots/upload", Upload);
        return routes;
    }

    private static async Task<IResult> Recover(HttpContext context, string name, CollectionCatalog catalog, SnapshotFetcher fetcher)
    {
        using var body = await JsonBody.ReadAsync(context);
        var request = body.RootElement;
        var location = request.OptionalString("location") ?? throw ApiException.Format("missing field `location`");
        await using var file = await fetcher.FetchAsync(location, request.OptionalString("api_key"), context.RequestAborted);
        SnapshotFetcher.Recover(catalog, name, file.Path, request.OptionalString("checksum"));
        return QdrantResult.Ok(true);
    }

    private static async Task<IResult> Upload(HttpContext context, string name, CollectionCatalog catalog, SnapshotFetcher fetcher)
    {
        if (!context.Request.HasFormContentType)
        {
            throw ApiException.Format("expected multipart/form-data with the snapshot file in the field `snapshot`");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var upload = form.Files["snapshot"] ?? throw ApiException.Format("multipart field `snapshot` is missing");
        await using var file = await fetcher.SaveAsync(upload.OpenReadStream(), context.RequestAborted);
        SnapshotFetcher.Recover(catalog, name, file.Path, context.Request.Query["checksum"].FirstOrDefault());
        return QdrantResult.Ok(true);
    }
}
