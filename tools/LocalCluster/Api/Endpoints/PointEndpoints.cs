using MultiCluster.LocalCluster.Api.Parsing;
using MultiCluster.LocalCluster.Api.Writing;
using MultiCluster.LocalCluster.Hosting;
using MultiCluster.LocalCluster.Storage;
using MultiCluster.LocalCluster.Storage.Catalog;

namespace MultiCluster.LocalCluster.Api.Endpoints;

/// <summary>Upsert, delete, retrieve (by list or one id), scroll and count points.</summary>
public static class PointEndpoints
{
    public static IEndpointRouteBuilder MapPointEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPut("/collections/{name}/points", Upsert);
        routes.MapPost("/collections/{name}/points/delete", Delete);
        routes.MapPost("/collections/{name}/points", Retrieve);
        routes.MapGet("/collections/{name}/points/{id}", GetOne);
        routes.MapPost("/collections/{name}/points/scroll", Scroll);
        routes.MapPost("/collections/{name}/points/count", Count);
        return routes;
    }

    private static async Task<IResult> Upsert(HttpContext context, string name, CollectionCatalog catalog, LocalClusterOptions options)
    {
        var collection = catalog.Get(name);
        var wait = WaitParameter.Read(context);
        using var body = await JsonBody.ReadAsync(context);
        var update = collection.Upsert(PointsParser.Parse(body.RootElement, options.MaxBatch), wait);
        return QdrantResult.Ok(writer => PointJson.WriteUpdate(writer, update));
    }

    private static async Task<IResult> Delete(HttpContext context, string name, CollectionCatalog catalog)
    {
        var collection = catalog.Get(name);
        var wait = WaitParameter.Read(context);
        using var body = await JsonBody.ReadAsync(context);
        var update = collection.Delete(PointSelectorParser.Parse(body.RootElement), wait);
        return QdrantResult.Ok(writer => PointJson.WriteUpdate(writer, update));
    }

    private static async Task<IResult> Retrieve(HttpContext context, string name, CollectionCatalog catalog)
    {
        var collection = catalog.Get(name);
        using var body = await JsonBody.ReadAsync(context);
        var request = body.RootElement;
        var points = collection.Retrieve(
            PointIdParser.ParseList(request.Required("ids"), "ids"),
            SelectorParser.WithPayload(request, PayloadSelector.All),
            SelectorParser.WithVector(request, false));
        return QdrantResult.Ok(writer => PointJson.WriteRecords(writer, points));
    }

    private static QdrantResult GetOne(string name, string id, CollectionCatalog catalog)
    {
        var pointId = PointIdParser.ParsePath(id);
        var found = catalog.Get(name).Retrieve([pointId], PayloadSelector.All, withVector: true);
        return found is [var point]
            ? QdrantResult.Ok(writer => PointJson.WriteRecord(writer, point))
            : throw StorageException.NotFound($"No point with id {pointId} found");
    }

    private static async Task<IResult> Scroll(HttpContext context, string name, CollectionCatalog catalog)
    {
        var collection = catalog.Get(name);
        using var body = await JsonBody.ReadAsync(context, optional: true);
        var request = body.RootElement;
        if (request.Optional("order_by") is not null)
        {
            throw ApiException.Unsupported("order_by needs a payload index, which LocalCluster does not build; scroll in id order");
        }

        var page = collection.Scroll(new ScrollRequest(request.OptionalCount("limit", 1) ?? 10)
        {
            Offset = request.Optional("offset") is { } offset ? PointIdParser.Parse(offset, "offset") : null,
            Filter = FilterParser.ParseOptional(request),
            WithPayload = SelectorParser.WithPayload(request, PayloadSelector.All),
            WithVector = SelectorParser.WithVector(request, false),
        });
        return QdrantResult.Ok(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("points");
            PointJson.WriteRecords(writer, page.Points);
            writer.WritePropertyName("next_page_offset");
            if (page.NextOffset is { } next)
            {
                PointJson.WriteId(writer, next);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteEndObject();
        });
    }

    private static async Task<IResult> Count(HttpContext context, string name, CollectionCatalog catalog)
    {
        var collection = catalog.Get(name);
        using var body = await JsonBody.ReadAsync(context, optional: true);
        body.RootElement.OptionalBool("exact");
        var count = collection.CountMatching(FilterParser.ParseOptional(body.RootElement));
        return QdrantResult.Ok(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", count);
            writer.WriteEndObject();
        });
    }
}
