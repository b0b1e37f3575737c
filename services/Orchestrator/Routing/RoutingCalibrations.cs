using System.Collections.Concurrent;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Metrics;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// The calibrations requests route by, in memory (filled from <see cref="CalibrationStore"/> at start and by
/// <see cref="RoutingCalibrator"/>). A calibration applies only to the map version and recall target it was made for.
/// GetCrossClusterMetrics reports them through <see cref="All"/>.
/// </summary>
public sealed class RoutingCalibrations : IRoutingCalibrations
{
    private readonly ConcurrentDictionary<string, RoutingCalibration> _libraries = new(StringComparer.Ordinal);

    /// <summary>Every library's latest calibration, by library name.</summary>
    public IReadOnlyList<RoutingCalibration> All() => [.. _libraries.Values.OrderBy(c => c.Library, StringComparer.Ordinal).Select(c => c.Clone())];

    public IReadOnlyList<RoutingCalibration> Current(string library) =>
        library.Length == 0 ? All() : Get(library) is { } calibration ? [calibration.Clone()] : [];

    public RoutingCalibration? Get(string library) => _libraries.TryGetValue(library, out var calibration) ? calibration : null;

    /// <summary>The margin calibrated for this map version and target, or null when there is none yet.</summary>
    public double? MarginFor(string library, ulong mapVersion, double recallTarget) =>
        Get(library) is { } c && c.DomainMapVersion == mapVersion && Math.Abs(c.RecallTarget - recallTarget) < 1e-9 ? c.Margin : null;

    public void Put(RoutingCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        _libraries[calibration.Library] = calibration;
    }

    public void Remove(string library) => _libraries.TryRemove(library, out _);
}
