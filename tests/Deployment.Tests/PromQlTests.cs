using Xunit;

namespace Deployment.Tests;

/// <summary>The metric-name reader the dashboard and alert checks rely on: it must find every name and nothing else.</summary>
public sealed class PromQlTests
{
    [Theory]
    [InlineData("histogram_quantile(0.99, sum by (le) (rate(rpc_server_duration_seconds_bucket{rpc_method=~\"Search|Get\"}[5m]))) > 0.1", "rpc_server_duration_seconds_bucket")]
    [InlineData("min by (cluster) (vector_cluster_up) == 0", "vector_cluster_up")]
    [InlineData("service_ready == 0 or up{job=~\"orchestrator|discovery\"} == 0", "service_ready up")]
    [InlineData("sum by (job) (rate(a_total{s=~\"X\"}[$__rate_interval])) / sum by (job) (rate(a_total[5m])) > 0.01", "a_total")]
    [InlineData("sum(increase(discovery_domains_discovered_total[$__range])) - foo:recorded offset 5m", "discovery_domains_discovered_total foo:recorded")]
    public void Reads_every_metric_name_and_no_function_label_keyword_or_duration(string expression, string names)
    {
        Assert.Equal(names.Split(' ').Order(StringComparer.Ordinal), PromQl.MetricNames(expression).Order(StringComparer.Ordinal));
    }
}
