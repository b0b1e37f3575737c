using System.Diagnostics;
using System.Text.Json;
using MultiCluster.LocalCluster.Api.Parsing;
using MultiCluster.LocalCluster.Api.Writing;
using MultiCluster.LocalCluster.Metrics;
using MultiCluster.LocalCluster.Search;
using MultiCluster.LocalCluster.Storage;
using MultiCluster.LocalCluster.Storage.Catalog;

namespace MultiCluster.LocalCluster.Api.Endpoints;

/// <summary>Nearest-neighbour search: search, search/batch, and the plain nearest form of query and query/batch.</summary>
public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/collections/{name}/points/search", async (HttpContext context, string name, CollectionCatalog catalog, ServerMetrics metrics) =>
        {
            var collection = catalog.Get(name);
            using var body = await JsonBody.ReadAsync(context);
            var hits = Timed(metrics, () => collection.Search(SearchParser.Parse(body.RootElement)));
            return QdrantResult.Ok(writer => PointJson.WriteScoredList(writer, hits));
        });
        routes.MapPost("/collections/{name}/points/search/batch", async (HttpContext context, string name, CollectionCatalog catalog, ServerMetrics metrics) =>
        {
            var collection = catalog.Get(name);
            using var body = await JsonBody.ReadAsync(context);
            var requests = Searches(body.RootElement).Select(SearchParser.Parse).ToList();
            var results = requests.Select(request => Timed(metrics, () => collection.Search(request))).ToList();
            return QdrantResult.Ok(writer =>
            {
                writer.WriteStartArray();
                results.ForEach(hits => PointJson.WriteScoredList(writer, hits));
                writer.WriteEndArray();
            });
        });
        routes.MapPost("/collections/{name}/points/query", async (HttpContext context, string name, CollectionCatalog catalog, ServerMetrics metrics) =>
        {
            var collection = catalog.Get(name);
            using var body = await JsonBody.ReadAsync(context, optional: true);
            var points = Query(collection, body.RootElement, metrics);
            return QdrantResult.Ok(writer => WriteQueryResponse(writer, points));
        });
        routes.MapPost("/collections/{name}/points/query/batch", async (HttpContext context, string name, CollectionCatalog catalog, ServerMetrics metrics) =>
        {
            var collection = catalog.Get(name);
            using var body = await JsonBody.ReadAsync(context);
            var results = Searches(body.RootElement).Select(search => Query(collection, search, metrics)).ToList();
            return QdrantResult.Ok(writer =>
            {
                writer.WriteStartArray();
                results.ForEach(points => WriteQueryResponse(writer, points));
                writer.WriteEndArray();
            });
        });
        return routes;
    }

    private static JsonElement.ArrayEnumerator Searches(JsonElement body) => body.Required("searches").Array("searches");

    private static IReadOnlyList<ScoredPoint> Query(VectorCollection collection, JsonElement body, ServerMetrics metrics)
    {
        var parsed = QueryParser.Parse(body, collection);
        if (parsed.Search is { } search)
        {
            return Timed(metrics, () => collection.Search(search));
        }

        // No query: points in id order (Qdrant scores them 0), after the offset.
        var offset = body.OptionalCount("offset") ?? 0;
        return [.. collection.Scroll(parsed.Scroll!).Points.Skip(offset).Select(p => new ScoredPoint(p.Id, 0, p.Payload, p.Vector))];
    }

    private static void WriteQueryResponse(Utf8JsonWriter writer, IReadOnlyList<ScoredPoint> points)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("points");
        PointJson.WriteScoredList(writer, points);
        writer.WriteEndObject();
    }

    private static IReadOnlyList<ScoredPoint> Timed(ServerMetrics metrics, Func<IReadOnlyList<ScoredPoint>> search)
    {
        var started = Stopwatch.GetTimestamp();
        var hits = search();
        metrics.SearchDuration.Observe(Stopwatch.GetElapsedTime(started));
        return hits;
    }
}
