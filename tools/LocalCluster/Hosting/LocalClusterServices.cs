using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using MultiCluster.LocalCluster.Api;
using MultiCluster.LocalCluster.GrpcApi;
using MultiCluster.LocalCluster.Metrics;
using MultiCluster.LocalCluster.Storage.Catalog;
using MultiCluster.LocalCluster.Storage.Snapshots;

namespace MultiCluster.LocalCluster.Hosting;

/// <summary>Kestrel (REST and gRPC ports), logging, gRPC and the node's singletons (catalog, snapshots, metrics), from the command line.</summary>
public static class LocalClusterServices
{
    public static WebApplicationBuilder AddLocalCluster(this WebApplicationBuilder builder, LocalClusterOptions options)
    {
        // REST on HTTP/1.1 (h2c on a plain port cannot be negotiated, and Qdrant's REST clients speak HTTP/1.1);
        // gRPC on its own port with HTTP/2 only (h2c with prior knowledge, as Qdrant serves it without TLS).
        // stdout carries exactly one line ("listening <port>"); every log goes to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console =>
            console.LogToStandardErrorThreshold = LogLevel.Trace);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            kestrel.AddServerHeader = false;
            var address = options.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Host);
            kestrel.Listen(address, options.Port, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(address, options.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form =>
            form.MultipartBodyLengthLimit = options.MaxBodyBytes);

        Directory.CreateDirectory(options.DataDirectory);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(services => CollectionCatalog.Open(
            options.DataDirectory, options.SnapshotEvery, services.GetRequiredService<ILoggerFactory>().CreateLogger("LocalCluster.Storage")));
        builder.Services.AddSingleton(new SnapshotStore(options.DataDirectory));
        builder.Services.AddSingleton(new SnapshotFetcher(options.DataDirectory, new HttpClient { Timeout = TimeSpan.FromMinutes(10) }));
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = (int)Math.Min(options.MaxBodyBytes, int.MaxValue);
            grpc.MaxSendMessageSize = null;
            if (options.ApiKey is not null)
            {
                // First registered runs outermost: an unauthenticated call learns nothing else.
                grpc.Interceptors.Add<GrpcApiKeyInterceptor>();
            }

            grpc.Interceptors.Add<GrpcErrorInterceptor>();
        });
        if (options.ApiKey is { } apiKey)
        {
            builder.Services.AddSingleton(new ApiKeyCheck(apiKey));
        }
        return builder;
    }
}
