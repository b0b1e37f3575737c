using MultiCluster.Specialization.History;
using MultiCluster.Specialization.Migrating;
using MultiCluster.Specialization.Placement;
using MultiCluster.Specialization.Routing;
using MultiCluster.Specialization.Tuning;
using MultiCluster.Specialization.Verification;

namespace MultiCluster.Specialization.Grpc;

/// <summary>
/// The Specialization gRPC endpoint: validates requests, calls the logic classes and maps their refusals
/// (<see cref="RpcErrors"/>). Split by area over partial files; a method not built yet answers UNIMPLEMENTED naming
/// itself (the generated base class's behaviour).
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
    MigrationCoordinator migrations) : MultiCluster.Contracts.V1.SpecializationService.SpecializationServiceBase;
