using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Qdrant;
using MultiCluster.Clusters.Tests.Configuration;
using Xunit;

namespace MultiCluster.Clusters.Tests;

public class RegistryTests
{
    [Fact]
    public void AddVectorClusters_RegistersOneClientPerConfiguredCluster()
    {
        var services = new ServiceCollection().AddLogging().AddVectorClusters(EnvironmentVariables.Of(("CLUSTERS__LOCAL_B__URL", "http://127.0.0.1:7000")));
        using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<IClusterRegistry>();

        Assert.Equal(["local-a", "local-b", "local-c"], registry.All.Select(c => c.Name));
        Assert.Equal("local-a", registry.DefaultCluster.Name);
        Assert.Equal(7000, registry.Options.Single(o => o.Name == "local-b").Url.Port);
        Assert.Same(registry.GetCluster("local-c"), registry.All[2]);
    }

    [Fact]
    public void AddVectorClusters_FailsAtStart_WithEveryProblem()
    {
        var error = Assert.Throws<ClusterConfigurationException>(() => new ServiceCollection().AddVectorClusters(EnvironmentVariables.Of(("CLUSTERS__LOCAL_B__URL", "ftp://x"), ("CLUSTERS__LOCAL_C__TIMEOUT_MS", "soon"))));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("CLUSTERS__LOCAL_B__URL: 'ftp://x' is not an http(s) URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownClusterName_ListsTheConfiguredOnes()
    {
        var options = ClusterConfigurationLoader.Load(EnvironmentVariables.Of());
        using var registry = new ClusterRegistry(options, o => new QdrantCluster(o, options.Retry));

        var error = Assert.Throws<ClusterNotConfiguredException>(() => registry.GetCluster("eu-9"));

        Assert.StartsWith("Cluster 'eu-9' is not configured. Configured clusters: local-a, local-b, local-c.", error.Message, StringComparison.Ordinal);
    }
}
