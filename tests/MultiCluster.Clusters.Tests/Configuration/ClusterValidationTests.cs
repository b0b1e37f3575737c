using MultiCluster.Clusters.Configuration;
using Xunit;

namespace MultiCluster.Clusters.Tests.Configuration;

public class ClusterValidationTests
{
    private static IReadOnlyList<string> Problems(string yaml) =>
        Assert.Throws<ClusterConfigurationException>(() => ClusterConfigurationLoader.Parse(yaml, "test.yaml", EnvironmentVariables.Of())).Problems;

    [Fact]
    public void NonHttpUrl_NamesTheKeyAndTheExpectedForm()
    {
        var problems = Problems("""
            default_cluster: a
            clusters:
              - {name: a, url: 'http://127.0.0.1:6333'}
              - {name: b, url: 'ftp://x'}
            """);

        Assert.Equal("clusters[1].url: 'ftp://x' is not an http(s) URL (expected e.g. http://127.0.0.1:6333 or https://eu-1.example.net:6333)", Assert.Single(problems));
    }

    [Fact]
    public void GrpcUrl_ThatIsNotHttp_OrCannotBeDerived_IsRejected()
    {
        var problems = Problems("""
            default_cluster: a
            clusters:
              - {name: a, url: 'http://127.0.0.1:6333', grpc_url: 'grpc://127.0.0.1:6334'}
              - {name: b, url: 'http://127.0.0.1:65535'}
            """);

        Assert.Equal(
            ["clusters[0].grpc_url: 'grpc://127.0.0.1:6334' is not an http(s) URL (expected e.g. http://127.0.0.1:6333 or https://eu-1.example.net:6333)",
             "clusters[1].grpc_url: missing, and it cannot be derived from port 65535 of the REST URL (expected the cluster's gRPC URL, e.g. http://127.0.0.1:6334)"],
            problems);
    }

    [Fact]
    public void UrlWithCredentials_IsRejected()
    {
        var problem = Assert.Single(Problems("clusters: [{name: a, url: 'https://user:pw@x.example.net'}]"));

        Assert.StartsWith("clusters[0].url: the URL carries credentials", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingUrl_NamesTheKey()
    {
        Assert.StartsWith("clusters[0].url: missing", Assert.Single(Problems("clusters: [{name: a}]")), StringComparison.Ordinal);
    }

    [Fact]
    public void BadName_NamesTheKeyAndTheAllowedForm()
    {
        Assert.StartsWith("clusters[0].name: 'EU_1' is not a cluster name (expected lower-case letters, digits and '-'", Assert.Single(Problems("clusters: [{name: EU_1, url: 'http://x:1'}]")), StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateNames_AreRejected()
    {
        var problems = Problems("""
            default_cluster: a
            clusters: [{name: a, url: 'http://x:1'}, {name: a, url: 'http://y:1'}]
            """);

        Assert.Equal("clusters: name 'a' is used 2 times (expected each name once)", Assert.Single(problems));
    }

    [Fact]
    public void NonNumericCapacity_NamesTheKeyAndTheRange()
    {
        Assert.Equal("clusters[0].capacity_points: 'lots' is not a whole number from 0 to 9,223,372,036,854,775,807", Assert.Single(Problems("clusters: [{name: a, url: 'http://x:1', capacity_points: lots}]")));
    }

    [Fact]
    public void ZeroTimeout_IsRejected()
    {
        Assert.StartsWith("clusters[0].timeout_ms: '0' is not a whole number from 10 to 3,600,000", Assert.Single(Problems("clusters: [{name: a, url: 'http://x:1', timeout_ms: 0}]")), StringComparison.Ordinal);
    }

    [Fact]
    public void ApiKeyInTheFile_IsRefusedAndPointsToTheEnvironment()
    {
        var problem = Assert.Single(Problems("clusters: [{name: a, url: 'http://x:1', api_key: hunter2}]"));

        Assert.StartsWith("clusters[0].api_key: API keys are never read from this file; set the environment variable CLUSTERS__<NAME>__API_KEY", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKey_ListsTheKeysThatExist()
    {
        Assert.Equal(
            "clusters[0].urls: unknown key (expected one of name, url, grpc_url, region, capacity_points, capacity_bytes, timeout_ms, snapshot_timeout_ms, degraded_latency_ms, degraded_memory_bytes, draining, api_key_env)",
            Assert.Single(Problems("clusters: [{name: a, urls: 'http://x:1', url: 'http://x:1'}]")));
    }

    [Fact]
    public void HealthThresholdsAndDraining_AreCheckedByKey()
    {
        var problems = Problems("clusters: [{name: a, url: 'http://x:1', degraded_latency_ms: 0, degraded_memory_bytes: -5, draining: maybe}]");

        Assert.Equal(
            [
                "clusters[0].degraded_latency_ms: '0' is not a whole number from 1 to 3,600,000",
                "clusters[0].degraded_memory_bytes: '-5' is not a whole number from 0 to 9,223,372,036,854,775,807",
                "clusters[0].draining: 'maybe' is not true or false",
            ],
            problems);
    }

    [Fact]
    public void SeveralClustersWithoutDefault_AskForOne()
    {
        Assert.Equal(
            "default_cluster: missing (expected one of a, b; required when more than one cluster is configured)",
            Assert.Single(Problems("clusters: [{name: a, url: 'http://x:1'}, {name: b, url: 'http://y:1'}]")));
    }

    [Fact]
    public void DefaultNamingNoCluster_ListsTheConfiguredOnes()
    {
        Assert.Equal("default_cluster: 'z' is not a configured cluster (expected one of a)", Assert.Single(Problems("default_cluster: z\nclusters: [{name: a, url: 'http://x:1'}]")));
    }

    [Fact]
    public void NoClusters_IsRejected()
    {
        Assert.StartsWith("clusters: no cluster is configured", Assert.Single(Problems("clusters: []")), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidYaml_SaysWhere()
    {
        Assert.Matches(@"^line \d+, column \d+: not valid YAML", Assert.Single(Problems("clusters: [ {name: a")));
    }

    [Fact]
    public void RetryMaxBelowBase_IsRejected()
    {
        Assert.Equal(
            "retry.max_delay_ms: 10 is below retry.base_delay_ms 100 (expected max_delay_ms >= base_delay_ms)",
            Assert.Single(Problems("retry: {base_delay_ms: 100, max_delay_ms: 10}\nclusters: [{name: a, url: 'http://x:1'}]")));
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var problems = Problems("clusters: [{name: A, url: 'ftp://x', timeout_ms: -1}]");

        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void ClusterOptionsToString_NeverShowsTheApiKey()
    {
        var options = new ClusterOptions { Name = "a", Url = new Uri("http://x:1/"), ApiKey = "hunter2" };

        Assert.DoesNotContain("hunter2", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey = (set)", options.ToString(), StringComparison.Ordinal);
    }
}
