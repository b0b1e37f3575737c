using MultiCluster.TestInfrastructure;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Tests.EndToEnd;

/// <summary>The Discovery host as its own process (<see cref="ServiceHostProcess"/>), with its client.</summary>
public sealed class DiscoveryHost : IAsyncDisposable
{
    private readonly ServiceHostProcess _process;

    private DiscoveryHost(ServiceHostProcess process)
    {
        _process = process;
        Client = new V1.DiscoveryService.DiscoveryServiceClient(process.CallInvoker);
    }

    public V1.DiscoveryService.DiscoveryServiceClient Client { get; }

    public string Log => _process.Log;

    /// <summary>Starts the host and returns once it is ready (its database, Redis and default cluster answer).</summary>
    public static async Task<DiscoveryHost> StartAsync(IEnumerable<(string Key, string Value)> settings) =>
        new(await ServiceHostProcess.StartAsync("Discovery", settings));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
