using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Snapshots;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// Everything one routing decision reads: the library's snapshot, the query, the request's hints over the library's
/// policy, the calibrated margin for the snapshot's map (null before a calibration exists), whether "unassigned"
/// holds points and the default cluster (where "unassigned" lives before any placement).
/// </summary>
public sealed record RouteRequest(
    LibrarySnapshot Snapshot,
    float[] Vector,
    RoutingHints Hints,
    RoutingPolicy Policy,
    double? CalibratedMargin,
    bool UnassignedHasPoints,
    string DefaultCluster);
