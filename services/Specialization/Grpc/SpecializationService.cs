using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.History;
using MultiCluster.Specialization.Migrating;
using MultiCluster.Specialization.Placement;
using MultiCluster.Specialization.Routing;
using MultiCluster.Specialization.Tuning;
using MultiCluster.Specialization.Verification;

namespace MultiCluster.Specialization.Grpc;

/// <summary>
/// The Specialization gRPC endpoint: validates requests, calls the logic classes and maps their refusals
/// (<see cref="RpcErrors"/>). Every RPC of the contract is built; the overrides are split by area over the partial
/// files SpecializationService.{Placement,Migrations,Routing,Validation,Tuning}.cs, and the smallest one is here.
/// </summary>
public sealed partial class SpecializationService(
    RoutingLookup routingLookup,
    RoutingWatcher routingWatcher,
    PlacementValidator placementValidator,
    CollectionConfigurator configurator,
    ConfigOptimizer optimizer,
    ClusterMetrics clusterMetrics,
    PlacementPlanning planning,
    PolicyEditor policyEditor,
    Specializer specializer,
    StatusReader statusReader,
    HistoryReader historyReader,
    MigrationCoordinator migrations) : MultiCluster.Contracts.V1.SpecializationService.SpecializationServiceBase
{
    public override Task<GetRoutingTableResponse> GetRoutingTable(GetRoutingTableRequest request, ServerCallContext context) =>
        RpcErrors.Answer(async () => new GetRoutingTableResponse { Table = await routingLookup.GetAsync(request.Library, request.Version, context.CancellationToken) });
}
