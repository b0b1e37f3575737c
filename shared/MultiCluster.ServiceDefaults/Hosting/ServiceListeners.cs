using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MultiCluster.ServiceDefaults.Hosting;

/// <summary>
/// The two ports as bound. With port 0 in configuration (tests) Kestrel picks free ports; once the host has started,
/// these tell which, so a test reaches the real defaults on real sockets.
/// </summary>
public sealed class ServiceListeners(bool grpcUsesTls)
{
    private ListenOptions? _grpc;
    private ListenOptions? _http;

    public bool GrpcUsesTls { get; } = grpcUsesTls;

    public IPEndPoint GrpcEndPoint => _grpc?.IPEndPoint ?? throw NotBound("gRPC");

    public IPEndPoint HttpEndPoint => _http?.IPEndPoint ?? throw NotBound("HTTP");

    /// <summary>The address a client on this machine uses for gRPC (http:// for h2c, https:// for TLS).</summary>
    public Uri GrpcAddress => Address(GrpcUsesTls ? "https" : "http", GrpcEndPoint);

    /// <summary>The address of /healthz, /readyz and /metrics.</summary>
    public Uri HttpAddress => Address("http", HttpEndPoint);

    internal void SetGrpc(ListenOptions listen) => _grpc = listen;

    internal void SetHttp(ListenOptions listen) => _http = listen;

    internal bool IsHttpPort(int localPort) => _http?.IPEndPoint?.Port == localPort;

    private static Uri Address(string scheme, IPEndPoint endPoint)
    {
        var host = endPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : endPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : endPoint.Address;
        return new UriBuilder(scheme, host.ToString(), endPoint.Port).Uri;
    }

    private static InvalidOperationException NotBound(string which) =>
        new($"The {which} port is not bound yet: read ServiceListeners after the host has started.");
}
