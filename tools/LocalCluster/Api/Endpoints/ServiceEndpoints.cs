using MultiCluster.LocalCluster.Metrics;
using MultiCluster.LocalCluster.Storage.Catalog;

namespace MultiCluster.LocalCluster.Api.Endpoints;

/// <summary>GET / (version), the Kubernetes probes, /metrics (Prometheus text) and a minimal /telemetry.</summary>
public static class ServiceEndpoints
{
    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", () => Results.Json(new VersionInfo(ServiceInfo.Title, ServiceInfo.Version, ServiceInfo.Commit), VersionInfoContext.Default.VersionInfo));
        routes.MapGet("/healthz", () => Results.Text("healthz check passed"));
        routes.MapGet("/livez", () => Results.Text("healthz check passed"));
        routes.MapGet("/readyz", () => Results.Text("all shards are ready"));
        routes.MapGet("/metrics", (ServerMetrics metrics, CollectionCatalog catalog) =>
            Results.Text(PrometheusText.Render(metrics, catalog), "text/plain; version=0.0.4"));
        routes.MapGet("/telemetry", (CollectionCatalog catalog) => QdrantResult.Ok(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("app");
            writer.WriteString("name", "qdrant");
            writer.WriteString("version", ServiceInfo.Version);
            writer.WriteString("commit", ServiceInfo.Commit);
            writer.WriteEndObject();
            writer.WriteStartObject("collections");
            writer.WriteNumber("number_of_collections", catalog.CollectionNames.Count);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }));
        return routes;
    }
}
