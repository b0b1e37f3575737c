using System.Reflection;
using MultiCluster.Clusters;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Grpc;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Clusters;

/// <summary>GetGlobalMetrics reports each cluster's health as HealthCheckClusters does, degraded included.</summary>
public sealed class GlobalMetricsTests
{
    [Fact]
    public async Task DegradedCluster_IsReportedDegraded_WithItsTotals_AndIsNotCountedHealthy()
    {
        var options = new VectorClustersOptions(
            [Options("a-healthy"), Options("b-degraded"), Options("c-down")],
            "a-healthy",
            new RetryOptions());
        using var registry = new ClusterRegistry(options, o => ScriptedCluster.For(o.Name switch
        {
            "a-healthy" => HealthState.Healthy,
            "b-degraded" => HealthState.Degraded,
            _ => HealthState.Down,
        }, o.Name));

        var metrics = await ClusterProbes.GlobalAsync(registry.Current, registry.Options, CancellationToken.None).Within();

        Assert.Equal(
            [("a-healthy", HealthStatus.Healthy, 7ul), ("b-degraded", HealthStatus.Degraded, 7ul), ("c-down", HealthStatus.Down, 0ul)],
            metrics.Clusters.Select(c => (c.Cluster.Name, c.Health, c.PointCount)));
        Assert.Equal((3u, 1u, 14ul), (metrics.ClusterCount, metrics.HealthyClusterCount, metrics.PointCount));
    }

    [Fact]
    public async Task HealthCheckClusters_AndGlobalMetrics_AgreeOnEveryCluster()
    {
        var options = new VectorClustersOptions([Options("a"), Options("b"), Options("c")], "a", new RetryOptions());
        using var registry = new ClusterRegistry(options, o => ScriptedCluster.For(o.Name == "a" ? HealthState.Degraded : o.Name == "b" ? HealthState.Healthy : HealthState.Down, o.Name));

        var metrics = await ClusterProbes.GlobalAsync(registry.Current, registry.Options, CancellationToken.None).Within();
        var probes = await Task.WhenAll(registry.Options.Select(o => ClusterProbes.ProbeAsync(registry.Current, o, ClusterProbes.DefaultProbeTimeout, CancellationToken.None))).Within();

        Assert.Equal(probes.Select(p => ClusterAdminConversions.ToStatus(p.State)), metrics.Clusters.Select(c => c.Health));
    }

    private static ClusterOptions Options(string name) => new() { Name = name, Url = new Uri($"http://{name}.test:6333/") };

    /// <summary>A cluster whose probe reports the given state and whose stats count 7 points in "books__d1".</summary>
    public class ScriptedCluster : DispatchProxy
    {
        private HealthState _state;
        private string _name = "";

        public static IVectorCluster For(HealthState state, string name)
        {
            var cluster = Create<IVectorCluster, ScriptedCluster>();
            var scripted = (ScriptedCluster)(object)cluster;
            (scripted._state, scripted._name) = (state, name);
            return cluster;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            "get_Name" => _name,
            nameof(IVectorCluster.CheckHealthAsync) => Task.FromResult(new MultiCluster.Clusters.ClusterHealth(
                _name,
                _state,
                _state == HealthState.Down ? TimeSpan.Zero : TimeSpan.FromMilliseconds(5),
                "1.12.4",
                _state == HealthState.Healthy ? [] : [new ClusterIssue(_state == HealthState.Down ? ClusterIssueCodes.Down : ClusterIssueCodes.MemoryHigh, "scripted")],
                DateTimeOffset.UtcNow)),
            nameof(IVectorCluster.GetStatsAsync) => _state == HealthState.Down
                ? Task.FromException<ClusterStats>(new ClusterUnavailableException("scripted: down", _name))
                : Task.FromResult(new ClusterStats(_name, 1, 7, 112, [new CollectionStats("books__d1", 7, 112)])),
            _ => throw new NotSupportedException($"{targetMethod?.Name} is not part of the scripted cluster."),
        };
    }
}
