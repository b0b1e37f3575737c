using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MultiCluster.LocalCluster.Api;
using MultiCluster.LocalCluster.Api.Endpoints;
using MultiCluster.LocalCluster.Metrics;
using MultiCluster.LocalCluster.Storage.Catalog;

namespace MultiCluster.LocalCluster.Hosting;

/// <summary>The request pipeline (metrics, errors, API key) and every endpoint group.</summary>
public static class LocalClusterPipeline
{
    public static WebApplication UseLocalCluster(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<LocalClusterOptions>();

        // Open the catalog now (replaying every log) so the node is ready before it says it is listening.
        _ = app.Services.GetRequiredService<CollectionCatalog>();

        app.UseMiddleware<MetricsMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        if (options.ApiKey is { } apiKey)
        {
            app.UseMiddleware<ApiKeyMiddleware>(apiKey);
        }

        app.MapServiceEndpoints();
        app.MapCollectionEndpoints();
        app.MapAliasEndpoints();
        app.MapPointEndpoints();
        app.MapPayloadEndpoints();
        app.MapSearchEndpoints();
        app.MapSnapshotEndpoints();
        return app;
    }

    /// <summary>The port Kestrel bound (the real one when --port 0 asked for any).</summary>
    public static int BoundPort(this WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).Port;
    }
}
