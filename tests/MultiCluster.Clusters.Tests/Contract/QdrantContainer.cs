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

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
