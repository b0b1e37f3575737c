using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Metrics;

/// <summary>Until the router registers its own <see cref="IRoutingCalibrations"/>: none calibrated yet.</summary>
public sealed class NoRoutingCalibrations : IRoutingCalibrations
{
    public IReadOnlyList<RoutingCalibration> Current(string library) => [];
}
