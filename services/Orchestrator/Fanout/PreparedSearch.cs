using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Routing;
using MultiCluster.Orchestrator.Snapshots;

namespace MultiCluster.Orchestrator.Fanout;

/// <summary>A search checked and routed, ready to fan out: everything but the deadline.</summary>
public sealed record PreparedSearch(
    SearchRequest Request,
    LibrarySnapshot Snapshot,
    int Limit,
    int Offset,
    IReadOnlyList<FanoutTarget> Targets,
    RoutePlan Plan,
    RoutingPolicy Policy,
    FusionConfig Fusion);
