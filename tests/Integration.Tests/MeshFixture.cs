using Xunit;

namespace Integration.Tests;

/// <summary>The four service hosts, started once for the tests that share them.</summary>
public sealed class MeshFixture : IAsyncLifetime
{
    public static readonly string[] ServiceNames = ["Orchestrator", "Discovery", "Specialization", "Rebalancer"];

    public Dictionary<string, ServiceHost> Hosts { get; } = [];

    public async Task InitializeAsync()
    {
        foreach (var host in await Task.WhenAll(ServiceNames.Select(name => ServiceHost.StartAsync(name))))
        {
            Hosts[host.Name] = host;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in Hosts.Values)
        {
            await host.DisposeAsync();
        }
    }
}
