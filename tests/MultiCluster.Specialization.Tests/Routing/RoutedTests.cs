using MultiCluster.Specialization.Tests.EndToEnd;

namespace MultiCluster.Specialization.Tests.Routing;

/// <summary>Base of the end-to-end tests that put routing versions into the host's database (<see cref="RoutingRows"/>).</summary>
public abstract class RoutedTests(SpecializationFixture fixture) : IAsyncDisposable
{
    protected SpecializationFixture Fixture { get; } = fixture;

    internal RoutingRows Routing { get; } = new(fixture.DatabaseConnectionString);

    public async ValueTask DisposeAsync()
    {
        await Routing.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
