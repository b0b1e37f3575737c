using MultiCluster.TestInfrastructure;
using Xunit;

namespace MultiCluster.Grpc.Tests.Interop;

/// <summary>The @grpc/grpc-js interop server, started once for a class of cases.</summary>
public sealed class GrpcJsServerFixture : IAsyncLifetime
{
    private PeerProcess? _server;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = PeerProcess.Start("node", "interop-server.js", "--port", "0");
        Address = new Uri($"http://127.0.0.1:{await _server.WaitForLineAsync("listening ")}");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
