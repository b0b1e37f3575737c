using System.Globalization;
using System.Text;
using MultiCluster.LocalCluster.Storage.Catalog;

namespace MultiCluster.LocalCluster.Metrics;

/// <summary>The Prometheus text exposition of the node: Qdrant's collection gauges plus our request metrics.</summary>
public static class PrometheusText
{
    public static string Render(ServerMetrics metrics, CollectionCatalog catalog)
    {
        var text = new StringBuilder();
        var collections = catalog.Collections;
        Gauge(text, "app_info", "information about the LocalCluster node", "{name=\"localcluster\",version=\"" + ServiceInfo.Version + "\"} 1");
        Gauge(text, "collections_total", "number of collections", " " + collections.Count);
        Gauge(text, "collections_vector_total", "total number of points in all collections", " " + collections.Sum(c => (long)c.Count));
        // Qdrant's node memory gauges, which the adapter's memory threshold reads: the process's resident set here.
        Gauge(text, "memory_resident_bytes", "bytes in physically resident pages of the node process", " " + Environment.WorkingSet);
        Gauge(text, "memory_allocated_bytes", "bytes allocated on the managed heap", " " + GC.GetTotalMemory(forceFullCollection: false));
        Header(text, "collection_points", "gauge", "number of points per collection");
        foreach (var collection in collections.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            Line(text, $"collection_points{{collection=\"{Escape(collection.Name)}\"}} {collection.Count}");
        }

        Header(text, "rest_responses_total", "counter", "total number of responses by method, endpoint and status");
        foreach (var (method, endpoint, status, count) in metrics.Responses)
        {
            Line(text, $"rest_responses_total{{method=\"{method}\",endpoint=\"{Escape(endpoint)}\",status=\"{status}\"}} {count}");
        }

        Header(text, "rest_responses_duration_seconds", "histogram", "response duration by method and endpoint");
        foreach (var (method, endpoint, duration) in metrics.Durations)
        {
            Histogram(text, "rest_responses_duration_seconds", $"method=\"{method}\",endpoint=\"{Escape(endpoint)}\"", duration);
        }

        Header(text, "search_duration_seconds", "histogram", "duration of exact searches (search, batch and query)");
        Histogram(text, "search_duration_seconds", "", metrics.SearchDuration);
        return text.ToString();
    }

    private static void Gauge(StringBuilder text, string name, string help, string sample)
    {
        Header(text, name, "gauge", help);
        Line(text, name + sample);
    }

    private static void Histogram(StringBuilder text, string name, string labels, Histogram histogram)
    {
        var separator = labels.Length > 0 ? "," : "";
        var cumulative = histogram.CumulativeCounts();
        for (var i = 0; i < cumulative.Length; i++)
        {
            Line(text, $"{name}_bucket{{{labels}{separator}le=\"{Metrics.Histogram.Bounds[i].ToString(CultureInfo.InvariantCulture)}\"}} {cumulative[i]}");
        }

        Line(text, $"{name}_bucket{{{labels}{separator}le=\"+Inf\"}} {histogram.Count}");
        var plain = labels.Length > 0 ? "{" + labels + "}" : "";
        Line(text, $"{name}_sum{plain} {histogram.Sum.ToString(CultureInfo.InvariantCulture)}");
        Line(text, $"{name}_count{plain} {histogram.Count}");
    }

    private static void Header(StringBuilder text, string name, string type, string help)
    {
        Line(text, $"# HELP {name} {help}");
        Line(text, $"# TYPE {name} {type}");
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
