using System.Text.Json;
using MultiCluster.LocalCluster.Search;
using MultiCluster.LocalCluster.Storage;

namespace MultiCluster.LocalCluster.Api.Parsing;

/// <summary>
/// The subset of Qdrant's universal query (POST .../points/query) a single dense vector allows: query as a vector,
/// {"nearest": vector}, a point id or {"nearest": id} (search by that point's vector), or no query at all (points in
/// id order). Prefetch, fusion, recommend, discover, formulas and order_by are refused with a clear 400.
/// </summary>
public static class QueryParser
{
    private const int DefaultLimit = 10;

    /// <summary>A parsed query: a search, or (when no query was given) a scroll in id order.</summary>
    public sealed record Parsed(SearchRequest? Search, ScrollRequest? Scroll);

    public static Parsed Parse(JsonElement body, VectorCollection collection)
    {
        if (body.Optional("prefetch") is not null || body.Optional("lookup_from") is not null)
        {
            throw ApiException.Unsupported("prefetch and lookup_from are not supported by LocalCluster; send a plain nearest query");
        }

        if (body.OptionalString("using") is { Length: > 0 } name)
        {
            throw ApiException.Unsupported($"named vector `{name}` does not exist: LocalCluster collections have one unnamed vector");
        }

        var limit = body.OptionalCount("limit", 1) ?? DefaultLimit;
        var withPayload = SelectorParser.WithPayload(body, PayloadSelector.None);
        if (body.Optional("query") is not { } query)
        {
            var offset = body.OptionalCount("offset") ?? 0;
            return new Parsed(null, new ScrollRequest(limit + offset)
            {
                Filter = FilterParser.ParseOptional(body),
                WithPayload = withPayload,
                WithVector = SelectorParser.WithVector(body, false),
            });
        }

        if (query.ValueKind == JsonValueKind.Object)
        {
            query = query.Optional("nearest") ?? throw ApiException.Unsupported(
                "only nearest queries are supported by LocalCluster (not recommend, discover, context, fusion, order_by, formula or sample)");
        }

        return new Parsed(SearchParser.Common(body, Vector(query, collection), limit), null);
    }

    private static float[] Vector(JsonElement query, VectorCollection collection)
    {
        if (query.ValueKind == JsonValueKind.Array)
        {
            return JsonFields.Vector(query, "query");
        }

        var id = PointIdParser.Parse(query, "query");
        var found = collection.Retrieve([id], PayloadSelector.None, withVector: true);
        return found is [{ Vector: { } vector }] ? vector : throw StorageException.NotFound($"No point with id {id} found");
    }
}
