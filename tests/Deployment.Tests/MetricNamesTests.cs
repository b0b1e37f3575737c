using System.Text.Json;
using Xunit;

namespace Deployment.Tests;

/// <summary>
/// The alerts and the dashboard read metrics the services really export: a mesh of the four services runs (real
/// processes, as run.sh starts them), each answers one gRPC call, and its /metrics is read. Every name an alert or a
/// panel uses must be among those a service exports (or Prometheus' own "up"), so a renamed instrument fails here.
/// </summary>
public sealed class MetricNamesTests(ExportedMetrics exported) : IClassFixture<ExportedMetrics>
{
    private static readonly string Monitoring = Repository.PathOf("deploy", "monitoring");

    // Made by Prometheus for every target, not by a service.
    private static readonly HashSet<string> PrometheusOwn = new(StringComparer.Ordinal) { "up" };

    private readonly IReadOnlyDictionary<string, HashSet<string>> _exported = exported.ByService;

    [Fact]
    public void Every_alert_reads_metrics_a_service_exports()
    {
        var expressions = Yaml.Document(Path.Combine(Monitoring, "alerts.yml")).Items("groups").SelectMany(g => g.Items("rules"))
            .Select(r => (r.Text("alert")!, r.Text("expr")!)).ToList();

        Assert.Equal(7, expressions.Count);
        Assert.Empty(Unexported(expressions));
    }

    [Fact]
    public void Every_dashboard_panel_reads_metrics_a_service_exports()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Monitoring, "grafana", "multicluster-dashboard.json")));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (p.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)))
            .ToList();
        var titles = dashboard.RootElement.GetProperty("panels").EnumerateArray().Select(p => p.GetProperty("title").GetString()!).ToList();

        Assert.True(expressions.Count >= 10, $"only {expressions.Count} queries");
        Assert.Empty(Unexported(expressions));
        foreach (var topic in new[] { "Cluster health", "Operations", "Cross-cluster latency", "Domains discovered", "Migrations", "Rebalancing" })
        {
            Assert.Contains(titles, t => t.Contains(topic, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Each_service_exports_the_metrics_its_own_panels_and_alerts_are_built_on()
    {
        Assert.Contains("discovery_domains_discovered_total", _exported["discovery"]);
        Assert.Contains("specialization_migrations_finished_total", _exported["specialization"]);
        Assert.Contains("specialization_replicas_lag_seconds", _exported["specialization"]);
        Assert.Contains("rebalancer_runs_finished_total", _exported["rebalancer"]);
        Assert.Contains("http_client_request_duration_seconds_bucket", _exported["orchestrator"]);
        Assert.All(_exported.Values, names => Assert.Contains("service_ready", names));
    }

    private List<string> Unexported(IEnumerable<(string Where, string Expression)> expressions)
    {
        var all = _exported.Values.SelectMany(n => n).Concat(PrometheusOwn).ToHashSet(StringComparer.Ordinal);
        return expressions.SelectMany(e => PromQl.MetricNames(e.Expression).Where(n => !all.Contains(n)).Select(n => $"{e.Where}: {n}")).ToList();
    }
}
