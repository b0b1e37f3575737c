using MultiCluster.Grpc.Services.HealthChecks;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Services.Tests.HealthChecks;

public sealed class HealthStatusRegistryTests
{
    [Fact]
    public void NewRegistry_KnowsOnlyTheWholeServer_AsServing()
    {
        var registry = new HealthStatusRegistry();

        Assert.True(registry.TryGetStatus(HealthStatusRegistry.Server, out var status));
        Assert.Equal(ServingStatus.Serving, status);
        Assert.False(registry.TryGetStatus("any.Service", out _));
    }

    [Fact]
    public void Shutdown_TurnsEveryStatusNotServing_AndLaterSetsAreIgnored()
    {
        var registry = new HealthStatusRegistry();
        registry.SetStatus("a.Service", ServingStatus.Serving);

        registry.Shutdown();
        registry.SetStatus("a.Service", ServingStatus.Serving);
        registry.SetStatus("b.Service", ServingStatus.Serving);
        registry.ClearStatus("a.Service");

        Assert.True(registry.IsShutDown);
        Assert.Equal(
            new Dictionary<string, ServingStatus> { [""] = ServingStatus.NotServing, ["a.Service"] = ServingStatus.NotServing },
            registry.GetAll());
    }

    [Fact]
    public async Task WatchAsync_SameStatusSetTwice_YieldsItOnce()
    {
        var registry = new HealthStatusRegistry();
        using var cancel = new CancellationTokenSource();
        await using var watch = registry.WatchAsync("a.Service", cancel.Token).GetAsyncEnumerator(cancel.Token);

        Assert.True(await watch.MoveNextAsync().AsTask().Within());
        var first = watch.Current;
        registry.SetStatus("a.Service", ServingStatus.Serving);
        Assert.True(await watch.MoveNextAsync().AsTask().Within());
        var second = watch.Current;
        registry.SetStatus("a.Service", ServingStatus.Serving);
        registry.SetStatus("a.Service", ServingStatus.NotServing);
        Assert.True(await watch.MoveNextAsync().AsTask().Within());
        var third = watch.Current;

        Assert.Null(first);
        Assert.Equal(ServingStatus.Serving, second);
        Assert.Equal(ServingStatus.NotServing, third);
    }

    [Fact]
    public async Task WatchAsync_AfterShutdown_YieldsNotServingThenEnds()
    {
        var registry = new HealthStatusRegistry();
        registry.Shutdown();
        using var bound = new CancellationTokenSource(Bounded.Timeout);

        var seen = new List<ServingStatus?>();
        await foreach (var status in registry.WatchAsync(HealthStatusRegistry.Server).WithCancellation(bound.Token))
        {
            seen.Add(status);
        }

        Assert.Equal([ServingStatus.NotServing], seen);
    }
}
