using System.Text.Json;
using MultiCluster.LocalCluster.Api.Parsing;
using MultiCluster.LocalCluster.Api.Writing;
using MultiCluster.LocalCluster.Storage;
using MultiCluster.LocalCluster.Storage.Catalog;

namespace MultiCluster.LocalCluster.Api.Endpoints;

/// <summary>Set (merge), overwrite, delete keys from and clear the payloads of points chosen by ids or a filter.</summary>
public static class PayloadEndpoints
{
    public static IEndpointRouteBuilder MapPayloadEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/collections/{name}/points/payload", (HttpContext context, string name, CollectionCatalog catalog) =>
            Edit(context, catalog, name, (collection, body, selector, wait) =>
                collection.SetPayload(selector, body.Required("payload"), body.OptionalString("key"), wait)));
        routes.MapPut("/collections/{name}/points/payload", (HttpContext context, string name, CollectionCatalog catalog) =>
            Edit(context, catalog, name, (collection, body, selector, wait) =>
            {
                if (body.OptionalString("key") is not null)
                {
                    throw ApiException.Unsupported("overwrite_payload with a key is not supported by LocalCluster; use set_payload");
                }

                return collection.OverwritePayload(selector, body.Required("payload"), wait);
            }));
        routes.MapPost("/collections/{name}/points/payload/delete", (HttpContext context, string name, CollectionCatalog catalog) =>
            Edit(context, catalog, name, (collection, body, selector, wait) =>
                collection.DeletePayloadKeys(selector, [.. body.Required("keys").Array("keys").Select(k => k.GetString() ?? "")], wait)));
        routes.MapPost("/collections/{name}/points/payload/clear", (HttpContext context, string name, CollectionCatalog catalog) =>
            Edit(context, catalog, name, (collection, _, selector, wait) => collection.ClearPayload(selector, wait)));
        return routes;
    }

    private static async Task<IResult> Edit(
        HttpContext context, CollectionCatalog catalog, string name, Func<VectorCollection, JsonElement, PointSelector, bool, UpdateResult> edit)
    {
        var collection = catalog.Get(name);
        var wait = WaitParameter.Read(context);
        using var body = await JsonBody.ReadAsync(context);
        var update = edit(collection, body.RootElement, PointSelectorParser.Parse(body.RootElement), wait);
        return QdrantResult.Ok(writer => PointJson.WriteUpdate(writer, update));
    }
}
