using MultiCluster.Storage.Redis;
using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Storage.Tests;

/// <summary>One private redis-server and client for a test class; tests keep apart by using their own keys.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;
    private RedisClient? _client;

    public RedisServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public RedisClient Client => _client ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _client = RedisClient.Connect(new RedisOptions { ConnectionString = _server.ConnectionString });
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
