using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MultiCluster.LocalCluster.Api;
using MultiCluster.LocalCluster.Api.Endpoints;
using MultiCluster.LocalCluster.GrpcApi;
using MultiCluster.LocalCluster.Metrics;
using MultiCluster.LocalCluster.Storage.Catalog;

namespace MultiCluster.LocalCluster.Hosting;

/// <summary>The request pipeline (metrics, errors, API key), every REST endpoint group and the four gRPC services.</summary>
public static class LocalClusterPipeline
{
    public static WebApplication UseLocalCluster(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<LocalClusterOptions>();

        // Open the catalog now (replaying every log) so the node is ready before it says it is listening.
        _ = app.Services.GetRequiredService<CollectionCatalog>();

        app.UseMiddleware<MetricsMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        if (options.ApiKey is not null)
        {
            app.UseMiddleware<ApiKeyMiddleware>();
        }

        app.MapServiceEndpoints();
        app.MapCollectionEndpoints();
        app.MapAliasEndpoints();
        app.MapPointEndpoints();
        app.MapPayloadEndpoints();
        app.MapSearchEndpoints();
        app.MapSnapshotEndpoints();
        app.MapGrpcService<QdrantService>();
        app.MapGrpcService<CollectionsService>();
        app.MapGrpcService<PointsService>();
        app.MapGrpcService<SnapshotsService>();
        return app;
    }

    /// <summary>The REST and gRPC ports Kestrel bound (the real ones when 0 asked for any), in the order they were listened on.</summary>
    public static (int RestPort, int GrpcPort) BoundPorts(this WebApplication app)
    {
        var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(address => new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).Port)
            .ToList();
        return (ports[0], ports[1]);
    }
}
