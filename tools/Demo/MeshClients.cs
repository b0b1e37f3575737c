using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Demo;

/// <summary>The three services the demo talks to, over h2c as ./run.sh serves them, with the API key when one is given.</summary>
public sealed class MeshClients : IDisposable
{
    private readonly GrpcChannel[] _channels;

    public MeshClients(Uri orchestrator, Uri discovery, Uri specialization, string? apiKey)
    {
        _channels = [GrpcChannel.ForAddress(orchestrator), GrpcChannel.ForAddress(discovery), GrpcChannel.ForAddress(specialization)];
        Addresses = [orchestrator, discovery, specialization];
        CallInvoker Invoker(GrpcChannel channel) => string.IsNullOrEmpty(apiKey)
            ? channel.CreateCallInvoker()
            : channel.CreateCallInvoker().Intercept(metadata =>
            {
                metadata.Add("x-api-key", apiKey);
                return metadata;
            });
        Orchestrator = new OrchestratorService.OrchestratorServiceClient(Invoker(_channels[0]));
        Discovery = new DiscoveryService.DiscoveryServiceClient(Invoker(_channels[1]));
        Specialization = new SpecializationService.SpecializationServiceClient(Invoker(_channels[2]));
    }

    public IReadOnlyList<Uri> Addresses { get; }

    public OrchestratorService.OrchestratorServiceClient Orchestrator { get; }

    public DiscoveryService.DiscoveryServiceClient Discovery { get; }

    public SpecializationService.SpecializationServiceClient Specialization { get; }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
