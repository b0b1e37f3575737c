using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace MultiCluster.Grpc.Services.Reflection;

/// <summary>
/// The services this host maps, read from the GrpcMethodMetadata of its endpoints, and the index reflection answers from.
/// Built on first use: by the time a client can call, every endpoint is mapped.
/// </summary>
internal sealed class ReflectedServices(EndpointDataSource endpoints, ILogger<ReflectedServices> logger)
{
    private readonly Lazy<DescriptorIndex> _index = new(() => Build(endpoints, logger));

    public DescriptorIndex Index => _index.Value;

    private static DescriptorIndex Build(EndpointDataSource endpoints, ILogger logger)
    {
        var methods = endpoints.Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>())
            .OfType<GrpcMethodMetadata>()
            .ToArray();
        var descriptors = methods
            .Select(m => m.ServiceType)
            .Distinct()
            .Select(GeneratedServiceDescriptor.Find)
            .OfType<Google.Protobuf.Reflection.ServiceDescriptor>()
            .ToArray();
        var served = methods.Select(m => m.Method.ServiceName).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var service in served.Where(name => descriptors.All(d => d.FullName != name)))
        {
            ServicesLog.ServiceWithoutDescriptor(logger, service);
        }

        var index = new DescriptorIndex(served, descriptors.Select(d => d.File));
        ServicesLog.ReflectionIndexBuilt(logger, index.Services.Count, index.FileCount);
        return index;
    }
}
