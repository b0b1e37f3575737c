using MultiCluster.Clusters.Configuration;
using Xunit;

namespace MultiCluster.Clusters.Tests.Configuration;

public class EnvironmentOverrideTests
{
    private const string File = """
        default_cluster: local-a
        clusters:
          - name: local-a
            url: http://127.0.0.1:6333
          - name: local-b
            url: http://127.0.0.1:6343
            api_key_env: LOCAL_B_KEY
        """;

    [Fact]
    public void OverrideByName_ReplacesThatClustersField()
    {
        var options = ClusterConfigurationLoader.Parse(File, "test.yaml", EnvironmentVariables.Of(
            ("LOCAL_B_KEY", "b-key"),
            ("CLUSTERS__LOCAL_A__URL", "https://a.internal:6333"),
            ("CLUSTERS__LOCAL_A__TIMEOUT_MS", "900"),
            ("CLUSTERS__LOCAL_A__REGION", "eu")));

        var a = options.Clusters[0];
        Assert.Equal(new Uri("https://a.internal:6333/"), a.Url);
        Assert.Equal(TimeSpan.FromMilliseconds(900), a.Timeout);
        Assert.Equal("eu", a.Region);
        Assert.Equal(new Uri("http://127.0.0.1:6343/"), options.Clusters[1].Url);
    }

    [Fact]
    public void GrpcUrlOverride_ReplacesTheDerivedOne()
    {
        var options = ClusterConfigurationLoader.Parse(File, "test.yaml", EnvironmentVariables.Of(
            ("LOCAL_B_KEY", "b-key"),
            ("CLUSTERS__LOCAL_A__GRPC_URL", "https://a-grpc.internal:443")));

        Assert.Equal(new Uri("https://a-grpc.internal/"), options.Clusters[0].EffectiveGrpcUrl);
        Assert.Equal(new Uri("http://127.0.0.1:6344/"), options.Clusters[1].EffectiveGrpcUrl);
    }

    [Fact]
    public void OverrideForAnUnknownName_AddsThatCluster()
    {
        var options = ClusterConfigurationLoader.Parse(File, "test.yaml", EnvironmentVariables.Of(
            ("LOCAL_B_KEY", "b-key"),
            ("CLUSTERS__EU_WEST_1__URL", "https://eu.example.net:6333"),
            ("CLUSTERS__EU_WEST_1__CAPACITY_POINTS", "42")));

        var added = options.Clusters[^1];
        Assert.Equal("eu-west-1", added.Name);
        Assert.Equal(42, added.CapacityPoints);
    }

    [Fact]
    public void ClustersDefault_ReplacesTheDefaultCluster()
    {
        var options = ClusterConfigurationLoader.Parse(File, "test.yaml", EnvironmentVariables.Of(("LOCAL_B_KEY", "k"), ("CLUSTERS_DEFAULT", "local-b")));

        Assert.Equal("local-b", options.DefaultCluster);
    }

    [Fact]
    public void ApiKey_ComesFromTheVariableNamedByApiKeyEnv()
    {
        var options = ClusterConfigurationLoader.Parse(File, "test.yaml", EnvironmentVariables.Of(("LOCAL_B_KEY", "secret-b")));

        Assert.Equal("secret-b", options.Clusters[1].ApiKey);
        Assert.Null(options.Clusters[0].ApiKey);
    }

    [Fact]
    public void ApiKey_ComesFromClustersNameApiKey()
    {
        var options = ClusterConfigurationLoader.Parse(File, "test.yaml", EnvironmentVariables.Of(("LOCAL_B_KEY", "k"), ("CLUSTERS__LOCAL_A__API_KEY", "secret-a")));

        Assert.Equal("secret-a", options.Clusters[0].ApiKey);
    }

    [Fact]
    public void ApiKeyEnvNamingAnUnsetVariable_IsRejectedWithTheVariableName()
    {
        var error = Assert.Throws<ClusterConfigurationException>(() => ClusterConfigurationLoader.Parse(File, "test.yaml", EnvironmentVariables.Of()));

        Assert.Contains("clusters[1].api_key_env: environment variable 'LOCAL_B_KEY' is not set or empty", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOverrideField_IsRejectedWithTheFieldsThatExist()
    {
        var error = Assert.Throws<ClusterConfigurationException>(() => ClusterConfigurationLoader.Parse(File, "test.yaml", EnvironmentVariables.Of(("LOCAL_B_KEY", "k"), ("CLUSTERS__LOCAL_A__ULR", "http://x"))));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("CLUSTERS__LOCAL_A__ULR: unknown field 'ULR' (expected one of URL, GRPC_URL, REGION", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void BadOverride_IsReportedByItsVariable()
    {
        var error = Assert.Throws<ClusterConfigurationException>(() => ClusterConfigurationLoader.Parse(File, "test.yaml", EnvironmentVariables.Of(("LOCAL_B_KEY", "k"), ("CLUSTERS__LOCAL_A__URL", "ftp://x"))));

        Assert.Equal("CLUSTERS__LOCAL_A__URL: 'ftp://x' is not an http(s) URL (expected e.g. http://127.0.0.1:6333 or https://eu-1.example.net:6333)", Assert.Single(error.Problems));
    }

    [Fact]
    public void AddedClusterWithoutUrl_IsReportedByTheMissingVariable()
    {
        var error = Assert.Throws<ClusterConfigurationException>(() => ClusterConfigurationLoader.Parse(File, "test.yaml", EnvironmentVariables.Of(("LOCAL_B_KEY", "k"), ("CLUSTERS__EU_1__REGION", "eu"))));

        Assert.StartsWith("CLUSTERS__EU_1__URL: missing", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void ThresholdOverrides_AreAppliedByName()
    {
        var options = ClusterConfigurationLoader.Parse(File, "test.yaml", EnvironmentVariables.Of(
            ("LOCAL_B_KEY", "k"),
            ("CLUSTERS__LOCAL_A__DEGRADED_LATENCY_MS", "150"),
            ("CLUSTERS__LOCAL_A__DEGRADED_MEMORY_BYTES", "8589934592"),
            ("CLUSTERS__LOCAL_A__DRAINING", "true")));

        var a = options.Clusters[0];
        Assert.Equal((TimeSpan.FromMilliseconds(150), 8_589_934_592L, true), (a.EffectiveDegradedLatency, a.DegradedMemoryBytes, a.Draining));
        Assert.Equal((0L, false), (options.Clusters[1].DegradedMemoryBytes, options.Clusters[1].Draining));
        Assert.Equal(options.Clusters[1].Timeout / 2, options.Clusters[1].EffectiveDegradedLatency);
    }

    [Fact]
    public void BadThresholdOverrides_AreEachReportedByTheirVariable()
    {
        var error = Assert.Throws<ClusterConfigurationException>(() => ClusterConfigurationLoader.Parse(File, "test.yaml", EnvironmentVariables.Of(
            ("LOCAL_B_KEY", "k"),
            ("CLUSTERS__LOCAL_A__DEGRADED_LATENCY_MS", "fast"),
            ("CLUSTERS__LOCAL_A__DEGRADED_MEMORY_BYTES", "8GiB"),
            ("CLUSTERS__LOCAL_A__DRAINING", "yes"))));

        Assert.Equal(
            [
                "CLUSTERS__LOCAL_A__DEGRADED_LATENCY_MS: 'fast' is not a whole number from 1 to 3,600,000",
                "CLUSTERS__LOCAL_A__DEGRADED_MEMORY_BYTES: '8GiB' is not a whole number from 0 to 9,223,372,036,854,775,807",
                "CLUSTERS__LOCAL_A__DRAINING: 'yes' is not true or false",
            ],
            error.Problems);
    }
}
