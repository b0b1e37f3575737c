using System.Globalization;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using MultiCluster.TestInfrastructure;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Tests.EndToEnd;

/// <summary>The Discovery host as its own process, from its build output, on free ports, with auth on as in production.</summary>
public sealed class DiscoveryHost : IAsyncDisposable
{
    public const string ApiKey = "discovery-tests-admin-key-0123456789abcdef";

    private readonly PeerProcess _process;
    private readonly GrpcChannel _channel;

    private DiscoveryHost(PeerProcess process, int grpcPort)
    {
        _process = process;
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        Client = new V1.DiscoveryService.DiscoveryServiceClient(_channel.CreateCallInvoker().Intercept(metadata =>
        {
            metadata.Add("x-api-key", ApiKey);
            return metadata;
        }));
    }

    public V1.DiscoveryService.DiscoveryServiceClient Client { get; }

    public string Log => _process.Output + _process.Errors;

    /// <summary>Starts the host and returns once it is ready (its database, Redis and default cluster answer).</summary>
    public static async Task<DiscoveryHost> StartAsync(IEnumerable<(string Key, string Value)> settings)
    {
        var (grpcPort, httpPort) = (FreePort.Next(), FreePort.Next());
        var assembly = RepositoryBuild.Output(Path.Combine("services", "Discovery"), "MultiCluster.Discovery");
        var environment = new Dictionary<string, string>
        {
            ["Service__GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture),
            ["Service__HttpPort"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["Auth__Keys__0__Name"] = "discovery-tests",
            ["Auth__Keys__0__Role"] = "admin",
            ["Auth__Keys__0__Key"] = ApiKey,
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var process = PeerProcess.Start("dotnet", Path.GetDirectoryName(assembly)!, environment, assembly);
        var host = new DiscoveryHost(process, grpcPort);
        await HttpProbe.WaitUntilOkAsync(new Uri($"http://127.0.0.1:{httpPort}/readyz"), () => $"Discovery's output:\n{host.Log}");
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _process.DisposeAsync();
    }
}
