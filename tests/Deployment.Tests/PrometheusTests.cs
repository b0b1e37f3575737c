using Xunit;

namespace Deployment.Tests;

/// <summary>deploy/monitoring with promtool (Prometheus' own checker): scrape configs, alert rules and their unit tests.</summary>
public sealed class PrometheusTests
{
    private static readonly string Monitoring = Repository.PathOf("deploy", "monitoring");

    [Theory]
    [InlineData("prometheus.yml")]
    [InlineData("prometheus-kubernetes.yml")]
    public async Task The_scrape_configuration_passes_promtool(string file)
    {
        var result = await Tool.RunAsync("promtool", Monitoring, "check", "config", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SUCCESS", result.Output + result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_alert_rules_pass_promtool()
    {
        var result = await Tool.RunAsync("promtool", Monitoring, "check", "rules", "alerts.yml");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Each_alert_fires_and_stays_quiet_as_its_unit_tests_say()
    {
        var alerts = Yaml.Document(Path.Combine(Monitoring, "alerts.yml")).Items("groups").SelectMany(g => g.Items("rules")).Select(r => r.Text("alert")!).ToList();
        var tests = Yaml.Document(Path.Combine(Monitoring, "alerts.test.yml")).Items("tests").SelectMany(t => t.Items("alert_rule_test")).ToList();
        var firing = tests.Where(t => t.Items("exp_alerts").Any()).Select(t => t.Text("alertname")).ToHashSet();
        var quiet = tests.Where(t => !t.Items("exp_alerts").Any()).Select(t => t.Text("alertname")).ToHashSet();

        var result = await Tool.RunAsync("promtool", Monitoring, "test", "rules", "alerts.test.yml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(alerts, alert => Assert.Contains(alert, firing));
        Assert.All(alerts, alert => Assert.Contains(alert, quiet));
        Assert.Superset(new HashSet<string> { "SearchLatencyP99High", "RpcErrorRateHigh", "VectorClusterDown", "ReplicaLagHigh", "RebalancingFailing" }, alerts.ToHashSet());
    }

    [Theory]
    [InlineData("prometheus.yml")]
    [InlineData("prometheus-kubernetes.yml")]
    public void Each_service_is_scraped_on_its_HTTP_port_under_its_own_name_as_job(string file)
    {
        var jobs = Yaml.Document(Path.Combine(Monitoring, file)).Items("scrape_configs").ToDictionary(j => j.Text("job_name")!, j => j);

        Assert.All(Repository.Services, service =>
        {
            Assert.True(jobs.TryGetValue(service.Name, out var job), $"no job {service.Name} in {file}");
            var ports = job.Items("static_configs").SelectMany(s => s.Strings("targets")).Select(t => t[(t.LastIndexOf(':') + 1)..])
                .Concat(job.Items("dns_sd_configs").Select(d => d.Text("port")!));
            Assert.Equal([$"{service.HttpPort}"], ports.Distinct());
        });
    }
}
