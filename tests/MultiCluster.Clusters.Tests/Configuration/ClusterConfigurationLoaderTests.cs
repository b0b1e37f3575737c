using MultiCluster.Clusters.Configuration;
using Xunit;

namespace MultiCluster.Clusters.Tests.Configuration;

public class ClusterConfigurationLoaderTests
{
    private const string TwoClusters = """
        default_cluster: eu-1
        clusters:
          - name: eu-1
            url: https://eu-1.example.net:6333
            region: eu-west-1
            capacity_points: 5000000
            capacity_bytes: 1073741824
            timeout_ms: 2500
          - name: us-1
            url: http://10.0.0.7:6333
        """;

    [Fact]
    public void ValidFile_LoadsEveryField()
    {
        var options = ClusterConfigurationLoader.Parse(TwoClusters, "test.yaml", EnvironmentVariables.Of());

        Assert.Equal("eu-1", options.DefaultCluster);
        var eu = options.Clusters[0];
        Assert.Equal("eu-1", eu.Name);
        Assert.Equal(new Uri("https://eu-1.example.net:6333/"), eu.Url);
        Assert.Equal("eu-west-1", eu.Region);
        Assert.Equal(5_000_000, eu.CapacityPoints);
        Assert.Equal(1_073_741_824, eu.CapacityBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), eu.Timeout);
        Assert.Null(eu.ApiKey);
    }

    [Fact]
    public void HealthThresholdsAndDraining_ComeFromTheFileOrTheEnvironment()
    {
        var options = ClusterConfigurationLoader.Parse(
            "clusters: [{name: a, url: 'http://x:1', degraded_latency_ms: 250, draining: true}]",
            "test.yaml",
            EnvironmentVariables.Of(("CLUSTERS__A__DEGRADED_MEMORY_BYTES", "8589934592")));

        var a = Assert.Single(options.Clusters);
        Assert.Equal((TimeSpan.FromMilliseconds(250), 8_589_934_592L, true), (a.EffectiveDegradedLatency, a.DegradedMemoryBytes, a.Draining));
    }

    [Fact]
    public void LatencyThreshold_IsHalfTheTimeout_WhenNotSet()
    {
        var options = ClusterConfigurationLoader.Parse("clusters: [{name: a, url: 'http://x:1', timeout_ms: 3000}]", "test.yaml", EnvironmentVariables.Of());

        Assert.Equal((TimeSpan.FromMilliseconds(1500), 0L, false), (options.Clusters[0].EffectiveDegradedLatency, options.Clusters[0].DegradedMemoryBytes, options.Clusters[0].Draining));
    }

    [Fact]
    public void UnsetFields_TakeTheirDefaults()
    {
        var options = ClusterConfigurationLoader.Parse(TwoClusters, "test.yaml", EnvironmentVariables.Of());

        var us = options.Clusters[1];
        Assert.Equal("", us.Region);
        Assert.Equal(0, us.CapacityPoints);
        Assert.Equal(0, us.CapacityBytes);
        Assert.Equal(ClusterOptions.DefaultTimeout, us.Timeout);
        Assert.Equal(ClusterOptions.DefaultSnapshotTimeout, us.SnapshotTimeout);
        Assert.Equal(new RetryOptions(), options.Retry);
    }

    [Fact]
    public void FileWithoutGrpcUrls_AsWrittenBeforeGrpc_DerivesQdrantsGrpcPortNextToRest()
    {
        var options = ClusterConfigurationLoader.Parse(TwoClusters, "test.yaml", EnvironmentVariables.Of());

        Assert.Equal(
            [(new Uri("https://eu-1.example.net:6333/"), new Uri("https://eu-1.example.net:6334/")), (new Uri("http://10.0.0.7:6333/"), new Uri("http://10.0.0.7:6334/"))],
            options.Clusters.Select(c => (c.Url, c.EffectiveGrpcUrl)));
        Assert.All(options.Clusters, c => Assert.Null(c.GrpcUrl));
    }

    [Fact]
    public void GrpcUrl_IsTakenFromTheFile_WhenGiven()
    {
        var options = ClusterConfigurationLoader.Parse("clusters: [{name: solo, url: 'https://q.example.net', grpc_url: 'https://q-grpc.example.net:8443'}]", "test.yaml", EnvironmentVariables.Of());

        var solo = Assert.Single(options.Clusters);
        Assert.Equal((new Uri("https://q.example.net/"), new Uri("https://q-grpc.example.net:8443/")), (solo.Url, solo.EffectiveGrpcUrl));
    }

    [Fact]
    public void SingleCluster_IsTheDefaultWithoutSayingSo()
    {
        var options = ClusterConfigurationLoader.Parse("clusters: [{name: solo, url: 'http://127.0.0.1:6333'}]", "test.yaml", EnvironmentVariables.Of());

        Assert.Equal("solo", options.DefaultCluster);
    }

    [Fact]
    public void RepositoryDefaults_AreThreeLocalClusters()
    {
        // No CLUSTERS_FILE and (in the test's working directory) no config/: the built-in copy of config/clusters.yaml.
        var options = ClusterConfigurationLoader.Load(EnvironmentVariables.Of());

        Assert.Equal(["local-a", "local-b", "local-c"], options.Clusters.Select(c => c.Name));
        Assert.Equal([(6333, 6334), (6343, 6344), (6353, 6354)], options.Clusters.Select(c => (c.Url.Port, c.EffectiveGrpcUrl.Port)));
        Assert.All(options.Clusters, c => Assert.Equal("local", c.Region));
        Assert.Equal("local-a", options.DefaultCluster);
    }

    [Fact]
    public void ClustersFile_PointsAtAnotherFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"clusters-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, TwoClusters);
        try
        {
            var options = ClusterConfigurationLoader.Load(EnvironmentVariables.Of(("CLUSTERS_FILE", path)));

            Assert.Equal(["eu-1", "us-1"], options.Clusters.Select(c => c.Name));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MissingClustersFile_NamesTheVariable()
    {
        var error = Assert.Throws<ClusterConfigurationException>(() => ClusterConfigurationLoader.Load(EnvironmentVariables.Of(("CLUSTERS_FILE", "/nowhere/clusters.yaml"))));

        Assert.StartsWith("CLUSTERS_FILE: '/nowhere/clusters.yaml' does not exist", Assert.Single(error.Problems), StringComparison.Ordinal);
    }
}
