using Grpc.Core;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Grpc;

/// <summary>Placement: plans, applying them, the policy, the status of a library and the history.</summary>
public sealed partial class SpecializationService
{
    public override Task<PlanPlacementsResponse> PlanPlacements(PlanPlacementsRequest request, ServerCallContext context) => RpcErrors.Answer(async () =>
    {
        var computed = await planning.PlanAsync(request, context.CancellationToken);
        var response = new PlanPlacementsResponse { Plan = computed.Plan };
        response.Issues.AddRange(computed.Result.Issues);
        return response;
    });

    public override Task<SetOptimizationStrategyResponse> SetOptimizationStrategy(SetOptimizationStrategyRequest request, ServerCallContext context) => RpcErrors.Answer(async () =>
        new SetOptimizationStrategyResponse
        {
            Policy = (await policyEditor.SetAsync(request.Library, request.Policy, request.UpdateMask, context.CancellationToken)).ToContract(),
        });

    public override Task<SpecializeClusterResponse> SpecializeCluster(SpecializeClusterRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => specializer.SpecializeAsync(request, split: true, context.CancellationToken));

    public override Task<GetSpecializationStatusResponse> GetSpecializationStatus(GetSpecializationStatusRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => statusReader.ReadAsync(request.Library, context.CancellationToken));

    public override Task<GetSpecializationHistoryResponse> GetSpecializationHistory(GetSpecializationHistoryRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => historyReader.PageAsync(request, context.CancellationToken));
}
