using MultiCluster.LocalCluster.Api.Parsing;
using MultiCluster.LocalCluster.Api.Writing;
using MultiCluster.LocalCluster.Storage.Catalog;

namespace MultiCluster.LocalCluster.Api.Endpoints;

/// <summary>List, create, describe, check, update and delete collections.</summary>
public static class CollectionEndpoints
{
    public static IEndpointRouteBuilder MapCollectionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/collections", (CollectionCatalog catalog) => QdrantResult.Ok(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("collections");
            foreach (var name in catalog.CollectionNames)
            {
                writer.WriteStartObject();
                writer.WriteString("name", name);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }));
        routes.MapPut("/collections/{name}", Create);
        routes.MapGet("/collections/{name}", (string name, CollectionCatalog catalog) =>
        {
            var collection = catalog.Get(name);
            return QdrantResult.Ok(writer => CollectionJson.WriteInfo(writer, collection));
        });
        routes.MapGet("/collections/{name}/exists", (string name, CollectionCatalog catalog) =>
        {
            var exists = catalog.Exists(name);
            return QdrantResult.Ok(writer =>
            {
                writer.WriteStartObject();
                writer.WriteBoolean("exists", exists);
                writer.WriteEndObject();
            });
        });
        routes.MapPatch("/collections/{name}", Update);
        routes.MapDelete("/collections/{name}", (string name, CollectionCatalog catalog) => QdrantResult.Ok(catalog.Drop(name)));
        return routes;
    }

    private static async Task<IResult> Create(HttpContext context, string name, CollectionCatalog catalog)
    {
        if (CollectionName.Problem(name) is { } problem)
        {
            throw ApiException.PathValidation("name", problem);
        }

        using var body = await JsonBody.ReadAsync(context);
        catalog.Create(name, CollectionConfigParser.Create(body.RootElement));
        return QdrantResult.Ok(true);
    }

    private static async Task<IResult> Update(HttpContext context, string name, CollectionCatalog catalog)
    {
        var collection = catalog.Get(name);
        using var body = await JsonBody.ReadAsync(context, optional: true);
        catalog.UpdateConfig(name, CollectionConfigParser.Update(collection.Config, body.RootElement));
        return QdrantResult.Ok(true);
    }
}
