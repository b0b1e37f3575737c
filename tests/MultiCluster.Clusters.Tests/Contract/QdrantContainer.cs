using System.Net.Sockets;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace MultiCluster.Clusters.Tests.Contract;

/// <summary>
/// A real Qdrant in Docker (Testcontainers, the qdrant/qdrant image, QDRANT_IMAGE to pin another tag) with an API
/// key, for the contract suite when a Docker engine answers. Nothing in this repository's CI has Docker, so there the
/// suite says so and runs against LocalCluster.
/// </summary>
internal sealed class QdrantContainer : IAsyncDisposable
{
    private const ushort RestPort = 6333;
    private const ushort GrpcPort = 6334;

    private readonly IContainer _container;

    private QdrantContainer(IContainer container) => _container = container;

    public Uri Url => new($"http://{_container.Hostname}:{_container.GetMappedPublicPort(RestPort)}/");

    public Uri GrpcUrl => new($"http://{_container.Hostname}:{_container.GetMappedPublicPort(GrpcPort)}/");

    public string Image { get; private init; } = "";

    public static async Task<QdrantContainer> StartAsync(string apiKey)
    {
        var image = System.Environment.GetEnvironmentVariable("QDRANT_IMAGE") is { Length: > 0 } pinned ? pinned : "qdrant/qdrant:latest";
        var container = new ContainerBuilder(image)
            .WithPortBinding(RestPort, assignRandomHostPort: true)
            .WithPortBinding(GrpcPort, assignRandomHostPort: true)
            .WithEnvironment("QDRANT__SERVICE__API_KEY", apiKey)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(RestPort).ForPath("/readyz")))
            .Build();
        await container.StartAsync();
        return new QdrantContainer(container) { Image = image };
    }

    /// <summary>Null when a Docker engine answers a ping (DOCKER_HOST, else /var/run/docker.sock); otherwise why not.</summary>
    public static async Task<string?> WhyNoDockerAsync()
    {
        var host = System.Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } set ? set : "unix:///var/run/docker.sock";
        try
        {
            using var http = host.StartsWith("unix://", StringComparison.Ordinal)
                ? new HttpClient(new SocketsHttpHandler { ConnectCallback = (_, token) => ConnectUnixAsync(host["unix://".Length..], token) })
                : new HttpClient();
            http.Timeout = TimeSpan.FromSeconds(3);
            var ping = host.StartsWith("unix://", StringComparison.Ordinal) ? new Uri("http://docker/_ping") : new Uri(new Uri(host.Replace("tcp://", "http://", StringComparison.Ordinal)), "/_ping");
            using var response = await http.GetAsync(ping);
            return response.IsSuccessStatusCode ? null : $"the Docker engine at {host} answered HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException or UriFormatException)
        {
            return $"no Docker engine answers at {host} ({e.Message})";
        }
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();

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
