using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Routing;

namespace MultiCluster.ServiceDefaults.Health;

/// <summary>
/// The gRPC services this host maps (library.v1.DiscoveryService, ...), read from its endpoints when first asked, after
/// Program.cs has mapped them all; the standard grpc.* services are left out, as they say nothing about readiness.
/// </summary>
public sealed class MappedGrpcServices
{
    /// <summary>The name gRPC health gives the whole server.</summary>
    public const string Server = "";

    private IEndpointRouteBuilder? _endpoints;
    private IReadOnlyList<string>? _services;

    public IReadOnlyList<string> Services => _services ??= _endpoints is null
        ? []
        : _endpoints.DataSources
            .SelectMany(source => source.Endpoints)
            .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.ServiceName)
            .OfType<string>()
            .Where(service => !service.StartsWith("grpc.", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    internal void Track(IEndpointRouteBuilder endpoints) => _endpoints = endpoints;
}
