using Grpc.Net.Client;
using MultiCluster.TestInfrastructure;

namespace Integration.Tests;

/// <summary>One service host running as its own process from its build output, on free ports.</summary>
public sealed class ServiceHost : IAsyncDisposable
{
    /// <summary>The admin key every host under test is started with (auth stays on, as in production).</summary>
    public const string ApiKey = "integration-tests-admin-key-0123456789abcdef";

    /// <summary>A key with the service role, as the services hold for calling each other.</summary>
    public const string ServiceKey = "integration-tests-service-key-0123456789abcdef";

    /// <summary>A key with the reader role, as a read-only client holds.</summary>
    public const string ReaderKey = "integration-tests-reader-key-0123456789abcdef";

    private readonly PeerProcess _process;

    private ServiceHost(string name, PeerProcess process, int grpcPort, int httpPort)
    {
        Name = name;
        _process = process;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
    }

    public string Name { get; }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    public string Target => $"127.0.0.1:{GrpcPort}";

    public string Log => _process.Output + _process.Errors;

    /// <summary>Starts the host and waits until it is ready (/readyz): its database, Redis and default cluster answer.</summary>
    public static Task<ServiceHost> StartAsync(string name, params (string Key, string Value)[] settings) => StartAsync(name, "/readyz", FreePort.Next(), settings);

    /// <summary>
    /// Starts the host on a gRPC port chosen beforehand and waits until it is ready: hosts of a mesh are told each
    /// other's addresses (Messaging:Services) before any of them runs.
    /// </summary>
    public static Task<ServiceHost> StartAsync(string name, int grpcPort, params (string Key, string Value)[] settings) => StartAsync(name, "/readyz", grpcPort, settings);

    /// <summary>Starts the host and waits only until it is alive (/healthz), for hosts expected not to become ready.</summary>
    public static Task<ServiceHost> StartAliveAsync(string name, params (string Key, string Value)[] settings) => StartAsync(name, "/healthz", FreePort.Next(), settings);

    private static async Task<ServiceHost> StartAsync(string name, string probe, int grpcPort, (string Key, string Value)[] settings)
    {
        var httpPort = FreePort.Next();
        var assembly = AssemblyPath(name);
        var environment = new Dictionary<string, string>
        {
            ["Service__GrpcPort"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Service__HttpPort"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Auth__Keys__0__Name"] = "integration",
            ["Auth__Keys__0__Role"] = "admin",
            ["Auth__Keys__0__Key"] = ApiKey,
            ["Auth__Keys__1__Name"] = "integration-service",
            ["Auth__Keys__1__Role"] = "service",
            ["Auth__Keys__1__Key"] = ServiceKey,
            ["Auth__Keys__2__Name"] = "integration-reader",
            ["Auth__Keys__2__Role"] = "reader",
            ["Auth__Keys__2__Key"] = ReaderKey,
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var process = PeerProcess.Start("dotnet", Path.GetDirectoryName(assembly)!, environment, assembly);
        var host = new ServiceHost(name, process, grpcPort, httpPort);
        await HttpProbe.WaitUntilOkAsync(new Uri($"http://127.0.0.1:{httpPort}{probe}"), () => $"{name}'s output:\n{host.Log}");
        return host;
    }

    /// <summary>Runs a host expected to refuse its configuration; returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunExpectingFailureAsync(string name, params (string Key, string Value)[] settings)
    {
        var assembly = AssemblyPath(name);
        return PeerProcess.RunAsync("dotnet", Path.GetDirectoryName(assembly)!, settings.ToDictionary(s => s.Key, s => s.Value), assembly);
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress($"http://{Target}");

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    private static string AssemblyPath(string name) => RepositoryBuild.Output(Path.Combine("services", name), $"MultiCluster.{name}");
}
