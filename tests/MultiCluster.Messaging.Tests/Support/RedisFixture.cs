using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Messaging.Tests.Support;

/// <summary>One private redis-server per test class; tests keep apart by using their own topics.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;

    public RedisServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
