using System.Text.Json;
using MultiCluster.LocalCluster.Api.Parsing;
using MultiCluster.LocalCluster.Storage.Catalog;

namespace MultiCluster.LocalCluster.Api.Endpoints;

/// <summary>POST /collections/aliases (create / delete / rename, all or nothing), and the alias listings.</summary>
public static class AliasEndpoints
{
    public static IEndpointRouteBuilder MapAliasEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/collections/aliases", Update);
        routes.MapGet("/aliases", (CollectionCatalog catalog) => Aliases(catalog.Aliases));
        routes.MapGet("/collections/{name}/aliases", (string name, CollectionCatalog catalog) =>
        {
            var collection = catalog.Get(name).Name;
            return Aliases([.. catalog.Aliases.Where(a => a.Collection == collection)]);
        });
        return routes;
    }

    private static async Task<IResult> Update(HttpContext context, CollectionCatalog catalog)
    {
        using var body = await JsonBody.ReadAsync(context);
        var actions = body.RootElement.Required("actions").Array("actions").Select(Action).ToList();
        catalog.UpdateAliases(actions);
        return QdrantResult.Ok(true);
    }

    private static AliasAction Action(JsonElement action)
    {
        if (action.Optional("create_alias") is { } create)
        {
            return new CreateAlias(Text(create, "alias_name"), Text(create, "collection_name"));
        }

        if (action.Optional("delete_alias") is { } delete)
        {
            return new DeleteAlias(Text(delete, "alias_name"));
        }

        if (action.Optional("rename_alias") is { } rename)
        {
            return new RenameAlias(Text(rename, "old_alias_name"), Text(rename, "new_alias_name"));
        }

        throw ApiException.Format("actions: data did not match any variant of untagged enum AliasOperations (expected create_alias, delete_alias or rename_alias)");
    }

    private static string Text(JsonElement obj, string name) =>
        obj.OptionalString(name) ?? throw ApiException.Format($"missing field `{name}`");

    private static QdrantResult Aliases(IReadOnlyList<(string Alias, string Collection)> aliases) => QdrantResult.Ok(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("aliases");
        foreach (var (alias, collection) in aliases)
        {
            writer.WriteStartObject();
            writer.WriteString("alias_name", alias);
            writer.WriteString("collection_name", collection);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
