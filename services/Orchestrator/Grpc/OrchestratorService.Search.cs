using Grpc.Core;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Grpc;

// The query side: searches, routing explanations and predictions, routing settings.
public sealed partial class OrchestratorService
{
    public override Task<SearchResponse> Search(SearchRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => searches.SearchAsync(request, Deadline(context), context.CancellationToken));

    public override Task<SearchBatchResponse> SearchBatch(SearchBatchRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => searches.SearchBatchAsync(request, Deadline(context), context.CancellationToken));

    public override Task<ExecuteCrossClusterQueryResponse> ExecuteCrossClusterQuery(ExecuteCrossClusterQueryRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => targeted.CrossClusterAsync(request, Deadline(context), context.CancellationToken));

    public override Task<OrchestrateDomainSearchResponse> OrchestrateDomainSearch(OrchestrateDomainSearchRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => targeted.DomainSearchAsync(request, Deadline(context), context.CancellationToken));

    public override Task<RouteQueryResponse> RouteQuery(RouteQueryRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => routes.RouteAsync(request, context.CancellationToken));

    public override Task<PredictOptimalClustersResponse> PredictOptimalClusters(PredictOptimalClustersRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => routes.PredictAsync(request, context.CancellationToken));

    public override Task<SetRoutingStrategyResponse> SetRoutingStrategy(SetRoutingStrategyRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => routingSettings.SetAsync(request, context.CancellationToken));

    // DateTime.MaxValue is gRPC's "no deadline".
    private static DateTimeOffset? Deadline(ServerCallContext context) =>
        context.Deadline == DateTime.MaxValue ? null : new DateTimeOffset(DateTime.SpecifyKind(context.Deadline, DateTimeKind.Utc));
}
