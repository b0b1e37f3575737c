using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using MultiCluster.LocalCluster.Hosting;
using MultiCluster.LocalCluster.Storage.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace MultiCluster.LocalCluster.Tests.Infrastructure;

/// <summary>
/// A LocalCluster node hosted in the test process on free loopback ports (REST and gRPC), wired exactly as Program.cs wires it,
/// over real sockets, with its own data directory.
/// </summary>
public sealed class InProcessNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory? _ownedData;

    private InProcessNode(WebApplication app, LocalClusterOptions options, TempDirectory? ownedData)
    {
        _app = app;
        _ownedData = ownedData;
        Options = options;
        var (port, grpcPort) = app.BoundPorts();
        Address = new Uri($"http://127.0.0.1:{port}/");
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}/");
        Http = new QdrantHttp(Address, options.ApiKey);
    }

    public LocalClusterOptions Options { get; }

    /// <summary>The REST API.</summary>
    public Uri Address { get; }

    /// <summary>The gRPC API (h2c).</summary>
    public Uri GrpcAddress { get; }

    public QdrantHttp Http { get; }

    public CollectionCatalog Catalog => _app.Services.GetRequiredService<CollectionCatalog>();

    /// <summary>Starts a node; with no data directory given, it gets a temporary one of its own.</summary>
    public static async Task<InProcessNode> StartAsync(Func<LocalClusterOptions, LocalClusterOptions>? configure = null, string? dataDirectory = null)
    {
        var owned = dataDirectory is null ? new TempDirectory() : null;
        var options = new LocalClusterOptions { Port = 0, GrpcPort = 0, DataDirectory = dataDirectory ?? owned!.Path };
        options = configure?.Invoke(options) ?? options;
        var builder = WebApplication.CreateSlimBuilder();
        builder.AddLocalCluster(options);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseLocalCluster();
        await app.StartAsync();
        return new InProcessNode(app, options, owned);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownedData?.Dispose();
    }
}
