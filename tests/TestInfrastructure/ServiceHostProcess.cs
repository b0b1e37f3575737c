using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace MultiCluster.TestInfrastructure;

/// <summary>
/// One of the mesh's services as its own process, from its build output, on free ports, with auth on as in production
/// (one admin key); returned once its /readyz answers. <see cref="CallInvoker"/> sends the key on every call.
/// </summary>
public sealed class ServiceHostProcess : IAsyncDisposable
{
    public const string ApiKey = "service-tests-admin-key-0123456789abcdef";

    private readonly PeerProcess _process;
    private readonly GrpcChannel _channel;

    private ServiceHostProcess(PeerProcess process, int grpcPort, int httpPort)
    {
        _process = process;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        CallInvoker = _channel.CreateCallInvoker().Intercept(metadata =>
        {
            metadata.Add("x-api-key", ApiKey);
            return metadata;
        });
    }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    public CallInvoker CallInvoker { get; }

    /// <summary>Everything the process wrote so far, for failure messages.</summary>
    public string Log => _process.Output + _process.Errors;

    /// <summary>
    /// Starts services/<paramref name="service"/> (assembly MultiCluster.<paramref name="service"/>) with
    /// <paramref name="settings"/> in its environment and returns once it is ready.
    /// </summary>
    public static async Task<ServiceHostProcess> StartAsync(string service, IEnumerable<(string Key, string Value)> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (grpcPort, httpPort) = (FreePort.Next(), FreePort.Next());
        var assembly = RepositoryBuild.Output(Path.Combine("services", service), "MultiCluster." + service);
        var environment = new Dictionary<string, string>
        {
            ["Service__GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture),
            ["Service__HttpPort"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["Auth__Keys__0__Name"] = "service-tests",
            ["Auth__Keys__0__Role"] = "admin",
            ["Auth__Keys__0__Key"] = ApiKey,
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var process = PeerProcess.Start("dotnet", Path.GetDirectoryName(assembly)!, environment, assembly);
        var host = new ServiceHostProcess(process, grpcPort, httpPort);
        try
        {
            await HttpProbe.WaitUntilOkAsync(new Uri($"http://127.0.0.1:{httpPort}/readyz"), () => $"{service}'s output:\n{host.Log}");
        }
        catch
        {
            // A host that never got ready must not live on unseen (a second runner, ports held) when the caller retries.
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would: no drain, no stop hooks.</summary>
    public void Kill() => _process.Kill();

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _process.DisposeAsync();
    }
}
