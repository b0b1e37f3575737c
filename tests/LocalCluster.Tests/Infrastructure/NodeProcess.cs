using System.Reflection;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.LocalCluster.Tests.Infrastructure;

/// <summary>
/// A LocalCluster node as its own OS process (dotnet LocalCluster.dll ...), started from the tool's build output;
/// <see cref="KillAsync"/> ends it with SIGKILL, as a crash would.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly PeerProcess _process;

    private NodeProcess(PeerProcess process, (int Port, int GrpcPort) ports)
    {
        _process = process;
        Address = new Uri($"http://127.0.0.1:{ports.Port}/");
        GrpcAddress = new Uri($"http://127.0.0.1:{ports.GrpcPort}/");
    }

    /// <summary>The REST API.</summary>
    public Uri Address { get; }

    /// <summary>The gRPC API (h2c).</summary>
    public Uri GrpcAddress { get; }

    public string Output => _process.Output;

    public string Errors => _process.Errors;

    public static string Dll => typeof(NodeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "LocalClusterDll").Value!;

    public static async Task<NodeProcess> StartAsync(string dataDirectory, params string[] extra)
    {
        var process = PeerProcess.Start("dotnet", Path.GetDirectoryName(Dll)!, new Dictionary<string, string>(),
            [Dll, "--port", "0", "--grpc-port", "0", "--data", dataDirectory, .. extra]);
        try
        {
            return new NodeProcess(process, LocalClusterPorts.Parse(await process.WaitForLineAsync("listening ")));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown hook, no final checkpoint, no flush.</summary>
    public ValueTask KillAsync() => _process.DisposeAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
