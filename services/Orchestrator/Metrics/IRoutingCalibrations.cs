using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Metrics;

/// <summary>
/// The adaptive router's calibration per library (margin, held-out recall, probe fraction), implemented by the
/// routing area; GetCrossClusterMetrics adds the live recall measured here.
/// </summary>
public interface IRoutingCalibrations
{
    /// <summary>The calibrations of every library, or of <paramref name="library"/> alone when not empty.</summary>
    IReadOnlyList<RoutingCalibration> Current(string library);
}
