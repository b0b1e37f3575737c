using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MultiCluster.ServiceDefaults.Grpc;

namespace MultiCluster.ServiceDefaults;

/// <summary>The two calls every service host makes: AddServiceDefaults before Build, MapDefaultEndpoints after.</summary>
public static class ServiceDefaultsExtensions
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration.GetSection(ServiceEndpointOptions.Section).Get<ServiceEndpointOptions>()
            ?? throw new InvalidOperationException($"Configuration section '{ServiceEndpointOptions.Section}' is missing: set Service:Name, Service:GrpcPort and Service:HttpPort.");
        EndpointValidation.ThrowIfInvalid(endpoint);
        builder.Services.AddSingleton(endpoint);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Pings keep idle client connections (and the NATs and proxies between) alive; a dead peer is dropped.
            kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(60);
            kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
            var address = IPAddress.Parse(endpoint.ListenAddress);
            kestrel.Listen(address, endpoint.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(address, endpoint.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddGrpc(options => options.EnableDetailedErrors = builder.Environment.IsDevelopment());
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapGrpcHealthService();
        app.MapGrpcReflectionService();
        app.MapGrpcService<ClusterAdminService>();
        app.MapGet("/healthz", () => "ok");
        return app;
    }
}
