using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace MultiCluster.Mcctl.Cli;

/// <summary>The four services as mcctl reaches them: one channel per service, opened on first use, each call tagged with its target.</summary>
internal sealed class Mesh(ServiceTarget orchestrator, ServiceTarget discovery, ServiceTarget specialization, ServiceTarget rebalancer, string? apiKey) : IDisposable
{
    private readonly Dictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);

    public ServiceTarget OrchestratorTarget => orchestrator;

    public OrchestratorService.OrchestratorServiceClient Orchestrator => new(Invoker(orchestrator));

    public DiscoveryService.DiscoveryServiceClient Discovery => new(Invoker(discovery));

    public SpecializationService.SpecializationServiceClient Specialization => new(Invoker(specialization));

    public RebalancerService.RebalancerServiceClient Rebalancer => new(Invoker(rebalancer));

    /// <summary>Every service hosts ClusterAdminService; the Orchestrator's answers for the mesh.</summary>
    public ClusterAdminService.ClusterAdminServiceClient ClusterAdmin => new(Invoker(orchestrator));

    /// <summary>The target of a service by its app id (orchestrator, discovery, specialization, rebalancer).</summary>
    public ServiceTarget Target(string service) => service switch
    {
        "orchestrator" => orchestrator,
        "discovery" => discovery,
        "specialization" => specialization,
        "rebalancer" => rebalancer,
        _ => throw CliException.Usage($"service: '{service}' is not one of orchestrator, discovery, specialization, rebalancer."),
    };

    public CallInvoker Invoker(ServiceTarget target)
    {
        if (!_channels.TryGetValue(target.Name, out var channel))
        {
            channel = GrpcChannel.ForAddress(target.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
            _channels[target.Name] = channel;
        }

        return channel.Intercept(new TargetInterceptor(target, apiKey));
    }

    /// <summary>An address as typed ("127.0.0.1:5100" or a URL), as a URL; a bad one is a usage error naming the flag.</summary>
    public static Uri ParseAddress(string text, string flag)
    {
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        return Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Port > 0
            ? uri
            : throw CliException.Usage($"{flag}: '{text}' is not a gRPC address; use host:port or http(s)://host:port.");
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }
}
