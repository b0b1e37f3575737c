using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace MultiCluster.ServiceDefaults.Hosting;

/// <summary>Kestrel on the two configured ports: gRPC over HTTP/2 (TLS when a certificate is set), probes over HTTP/1.1.</summary>
public static class ServiceEndpointExtensions
{
    public static WebApplicationBuilder AddServiceEndpoints(this WebApplicationBuilder builder, ServiceEndpointOptions endpoint)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(endpoint);
        var certificate = endpoint.Tls.Enabled ? TlsCertificateLoader.Load(endpoint.Tls) : null;
        var listeners = new ServiceListeners(certificate is not null);
        builder.Services.AddSingleton(endpoint);
        builder.Services.AddSingleton(listeners);
        if (certificate is not null)
        {
            // Registered through a factory so the container disposes it with the host.
            builder.Services.AddSingleton(_ => certificate);
        }

        builder.Services.AddHostedService<ListeningLog>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Pings keep idle client connections (and the NATs and proxies between) alive; a dead peer is dropped.
            kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(60);
            kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
            var address = IPAddress.Parse(endpoint.ListenAddress);
            kestrel.Listen(address, endpoint.GrpcPort ?? 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }

                listeners.SetGrpc(listen);
            });
            kestrel.Listen(address, endpoint.HttpPort ?? 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listeners.SetHttp(listen);
            });
        });
        return builder;
    }
}
