using Grpc.Core;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Grpc;

public sealed partial class OrchestratorService
{
    public override Task<FuseResultsResponse> FuseResults(FuseResultsRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => Task.FromResult(fusion.Fuse(request)));

    public override Task<SetFusionAlgorithmResponse> SetFusionAlgorithm(SetFusionAlgorithmRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => fusion.SetAsync(request, context.CancellationToken));
}
