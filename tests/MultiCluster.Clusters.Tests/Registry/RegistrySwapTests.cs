using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Tests.Configuration;
using MultiCluster.Clusters.Tests.Infrastructure;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Clusters.Tests.Registry;

/// <summary>How <see cref="ClusterRegistry.Apply"/> swaps clusters under readers that never lock.</summary>
public class RegistrySwapTests
{
    private static readonly VectorClustersOptions Configured = ClusterConfigurationLoader.Load(EnvironmentVariables.Of());

    [Fact]
    public void NewCluster_IsAddedAtTheEnd_AndCanBecomeTheDefault()
    {
        using var registry = new ClusterRegistry(Configured, FakeCluster.For);

        registry.Apply(Cluster("eu-1", 7000), defaultCluster: "eu-1");

        Assert.Equal(["local-a", "local-b", "local-c", "eu-1"], registry.Current.Names);
        Assert.Equal("eu-1", registry.DefaultCluster.Name);
        Assert.Equal(7000, FakeCluster.Of(registry.GetCluster("eu-1")).Options.Url.Port);
    }

    [Fact]
    public void UnknownDefault_IsRefused_AndNothingChanges()
    {
        using var registry = new ClusterRegistry(Configured, FakeCluster.For);
        var before = registry.Current;

        var error = Assert.Throws<ClusterNotConfiguredException>(() => registry.Apply(Cluster("eu-1", 7000), defaultCluster: "eu-9"));

        Assert.Contains("eu-9", error.Message, StringComparison.Ordinal);
        Assert.Same(before, registry.Current);
    }

    [Fact]
    public void ReplacedClient_StaysUndisposedForCallsUnderWay_UntilTheRegistryIsDisposed()
    {
        var registry = new ClusterRegistry(Configured, FakeCluster.For);
        var old = FakeCluster.Of(registry.GetCluster("local-b"));

        registry.Apply(Cluster("local-b", 7002), "local-a");
        var disposedBeforeRegistry = old.Disposed;
        var replacement = FakeCluster.Of(registry.GetCluster("local-b"));
        registry.Dispose();

        Assert.False(disposedBeforeRegistry);
        Assert.True(old.Disposed);
        Assert.True(replacement.Disposed);
    }

    [Fact]
    public async Task Readers_SeeTheOldOrTheNewSnapshot_NeverAMixture()
    {
        using var registry = new ClusterRegistry(Configured, FakeCluster.For);
        const int Swaps = 2000;
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested || reads == 0)
            {
                var snapshot = registry.Current;

                // Each swap moves local-b's port and the default together: a torn read would pair them wrongly.
                var port = FakeCluster.Of(snapshot.Clusters[1]).Options.Url.Port;
                Assert.Equal(port, snapshot.Options[1].Url.Port);
                Assert.Equal(DefaultFor(port), snapshot.DefaultClusterName);
                Assert.Equal(["local-a", "local-b", "local-c"], snapshot.Names);
                reads++;
            }

            return reads;
        })).ToList();

        for (var port = 20_000; port < 20_000 + Swaps; port++)
        {
            registry.Apply(Cluster("local-b", port), DefaultFor(port));
        }

        await stop.CancelAsync();
        var reads = await Task.WhenAll(readers).Within();

        Assert.All(reads, r => Assert.True(r > 0));
        Assert.Equal(20_000 + Swaps - 1, FakeCluster.Of(registry.GetCluster("local-b")).Options.Url.Port);
    }

    // Configured local-b (port 6334) comes with default local-a; swapped ones alternate.
    private static string DefaultFor(int port) => port >= 20_000 && port % 2 == 0 ? "local-b" : "local-a";

    private static ClusterOptions Cluster(string name, int port) => new() { Name = name, Url = new Uri($"http://127.0.0.1:{port}/") };
}
