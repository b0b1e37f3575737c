using Xunit;
using Xunit.Abstractions;

namespace MultiCluster.Rebalancer.Tests.Simulation;

/// <summary>
/// The short version of bench/rebalancing: the whole mesh as processes, a Zipf-skewed load through the Orchestrator over
/// eight Fashion-MNIST domains on four clusters, one simulated day without automatic rebalancing and one with it.
/// </summary>
public sealed class ShortSimulationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Automatic_rebalancing_moves_domains_until_the_busiest_cluster_carries_less_without_moving_any_back()
    {
        var settings = new SimulationSettings
        {
            Points = 4_000, Domains = 8, QueriesPerSecond = 30, Concurrency = 4, DayLength = TimeSpan.FromSeconds(90), Days = 2, PhasesPerDay = 1,
        };
        await using var mesh = await SimulationMesh.StartAsync(settings);
        var library = await SimulatedLibrary.BuildAsync(mesh, "short-sim", settings, output.WriteLine);

        using var bound = new CancellationTokenSource(settings.DayLength * settings.Days + TimeSpan.FromMinutes(2));
        var figures = await new Simulation(mesh, library, settings, output.WriteLine).RunAsync(bound.Token);
        output.WriteLine(figures.Line());

        Assert.True(figures.Moves > 0, $"no domain moved: {figures.Line()}");
        Assert.Equal(0, figures.Flaps);
        Assert.True(figures.LoadRatioAfter < figures.LoadRatioBefore, $"the busiest cluster carries no less: {figures.Line()}");
        Assert.Equal(0, figures.FailedQueries);
    }
}
