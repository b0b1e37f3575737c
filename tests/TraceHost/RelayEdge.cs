using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging;

namespace TraceHost;

/// <summary>The first hop: a search that asks the backend service (app id "beta") for its routing table.</summary>
public sealed class RelayEdge(IServiceInvoker invoker) : OrchestratorService.OrchestratorServiceBase
{
    public override async Task<SearchResponse> Search(SearchRequest request, ServerCallContext context)
    {
        var backend = new SpecializationService.SpecializationServiceClient(invoker.CreateCallInvoker("beta"));
        await backend.GetRoutingTableAsync(new GetRoutingTableRequest { Library = request.Library }, cancellationToken: context.CancellationToken);
        return new SearchResponse();
    }
}
