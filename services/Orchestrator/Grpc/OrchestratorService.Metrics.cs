using Grpc.Core;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Grpc;

public sealed partial class OrchestratorService
{
    public override Task<GetCrossClusterMetricsResponse> GetCrossClusterMetrics(GetCrossClusterMetricsRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => metrics.GetAsync(request, context.CancellationToken));
}
