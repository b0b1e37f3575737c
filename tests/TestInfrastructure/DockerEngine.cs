using System.Net.Sockets;

namespace MultiCluster.TestInfrastructure;

/// <summary>
/// Whether a Docker engine answers, asked once per test process: then PostgresServer, RedisServer and the Qdrant
/// contract suite run in containers (Testcontainers), otherwise as private local processes, which is what CI here
/// runs. The engine is the one DOCKER_HOST names (unix:// or plain tcp://), else /var/run/docker.sock; it must answer
/// /_ping within two seconds, so a missing or dead engine costs no more. MULTICLUSTER_TEST_SERVERS=local keeps local
/// processes even with Docker.
/// </summary>
public static class DockerEngine
{
    private static readonly Lazy<Task<string?>> Probe = new(WhyNoPingAsync);

    public static async Task<bool> AnswersAsync() => await WhyNotAsync() is null;

    /// <summary>Null when the engine answers and may be used; otherwise why not, for the test log.</summary>
    public static Task<string?> WhyNotAsync() =>
        Environment.GetEnvironmentVariable("MULTICLUSTER_TEST_SERVERS") == "local"
            ? Task.FromResult<string?>("MULTICLUSTER_TEST_SERVERS=local")
            : Probe.Value;

    private static async Task<string?> WhyNoPingAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } configured ? configured : "unix:///var/run/docker.sock";
        if (!Uri.TryCreate(host, UriKind.Absolute, out var endpoint))
        {
            return $"DOCKER_HOST '{host}' is not a URI";
        }

        using var handler = new SocketsHttpHandler();
        Uri ping;
        switch (endpoint.Scheme)
        {
            case "unix" when File.Exists(endpoint.AbsolutePath):
                handler.ConnectCallback = (_, cancellationToken) => ConnectUnixAsync(endpoint.AbsolutePath, cancellationToken);
                ping = new Uri("http://docker/_ping");
                break;
            case "tcp":
                ping = new Uri($"http://{endpoint.Authority}/_ping");
                break;
            default:
                return $"no Docker engine at {host}";
        }

        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await client.GetAsync(ping);
            return response.IsSuccessStatusCode ? null : $"the Docker engine at {host} answered HTTP {(int)response.StatusCode}";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or SocketException or IOException)
        {
            return $"no Docker engine answers at {host} ({exception.Message})";
        }
    }

    private static async ValueTask<Stream> ConnectUnixAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
