using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Fanout;
using MultiCluster.Orchestrator.Fusion;
using MultiCluster.Orchestrator.Ingest;
using MultiCluster.Orchestrator.Libraries;
using MultiCluster.Orchestrator.Metrics;
using MultiCluster.Orchestrator.Routing;

namespace MultiCluster.Orchestrator.Grpc;

/// <summary>
/// The Orchestrator gRPC endpoint: validates requests, calls the logic classes and maps their refusals
/// (<see cref="RpcErrors"/>). Split by area over partial files; a method not built yet answers UNIMPLEMENTED naming
/// itself (the generated base class's behaviour).
/// </summary>
public sealed partial class OrchestratorService(
    LibraryLifecycle libraries,
    LibraryListing listing,
    FusionRequests fusion,
    CrossClusterMetrics metrics,
    SearchPipeline searches,
    TargetedSearches targeted,
    QueryRoutes routes,
    RoutingSettingsEditor routingSettings,
    IngestEndpoints ingest) : MultiCluster.Contracts.V1.OrchestratorService.OrchestratorServiceBase
{
    public override Task<CreateLibraryResponse> CreateLibrary(CreateLibraryRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => libraries.CreateAsync(request, context.CancellationToken));

    public override Task<ListLibrariesResponse> ListLibraries(ListLibrariesRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => listing.ListAsync(request, context.CancellationToken));

    public override Task<DropLibraryResponse> DropLibrary(DropLibraryRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => libraries.DropAsync(request, context.CancellationToken));
}
