using System.Globalization;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Storage;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>The adaptive throttle's rule: a move holds while its source or target is slower or fails more than the throttle allows.</summary>
public static class ThrottleGate
{
    /// <summary>Why the move must hold now, naming the cluster and figure; null when both clusters are within the limits.</summary>
    public static string? Verdict(AdaptiveThrottle throttle, string source, string target, IReadOnlyList<CurrentLoad> loads)
    {
        ArgumentNullException.ThrowIfNull(throttle);
        ArgumentNullException.ThrowIfNull(loads);
        var reasons = new List<string>();
        foreach (var load in loads.Where(l => l.Cluster == source || l.Cluster == target))
        {
            if (throttle.TargetLatencyP99Ms > 0 && load.LatencyP99Ms > throttle.TargetLatencyP99Ms)
            {
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{load.Cluster} p99 {load.LatencyP99Ms:0.#} ms > {throttle.TargetLatencyP99Ms:0.#} ms"));
            }

            if (throttle.MaxErrorRate > 0 && load.ErrorRate > throttle.MaxErrorRate)
            {
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{load.Cluster} error rate {load.ErrorRate:0.###} > {throttle.MaxErrorRate:0.###}"));
            }
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }
}
