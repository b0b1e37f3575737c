using System.Globalization;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Analysis;

/// <summary>
/// Measures imbalance per dimension against the thresholds: load (request rates), size (fill ratios when every
/// counted cluster has a capacity, point counts otherwise: a cluster without capacity has no fill to compare) and
/// latency (p99 above max_latency_p99_ms, or above the clusters' mean by more than the seeds' latency_degradation).
/// Each breach names the clusters responsible and, for load, their busiest domains.
/// </summary>
public sealed class ImbalanceAnalyzer(RebalancerOptions options)
{
    /// <summary>Domains named per responsible cluster.</summary>
    private const int DomainsNamed = 3;

    public ImbalanceReport Analyze(IReadOnlyList<ClusterObservation> clusters, IReadOnlyList<DomainObservation> domains, RebalancingThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentNullException.ThrowIfNull(thresholds);
        var violations = new List<Issue>();
        var load = DimensionImbalance.Measure("load", [.. clusters.Select(c => (c.Name, c.RequestRate))], thresholds.MaxLoadImbalance);
        if (load.Exceeded)
        {
            violations.Add(Global("LOAD_IMBALANCE", load, "request rates"));
            foreach (var name in load.Responsible)
            {
                var cluster = clusters.First(c => c.Name == name);
                var busiest = domains.Where(d => d.Cluster == name).OrderByDescending(d => d.QueryRate).Take(DomainsNamed)
                    .Select(d => F($"{d.Library}/{d.DomainId} {d.QueryRate:0.##}/s")).ToList();
                violations.Add(Issue(IssueSeverity.Warning, "CLUSTER_OVERLOADED", name, F(
                    $"{name} serves {cluster.RequestRate:0.##} req/s, {cluster.RequestRate / load.Mean:0.##}x the mean {load.Mean:0.##}; busiest domains: {(busiest.Count > 0 ? string.Join(", ", busiest) : "none reported")}. Move a hot domain off it.")));
            }
        }

        var sized = clusters.Where(c => c.Sized).ToList();
        var byFill = sized.Count > 0 && sized.All(c => c.FillRatio > 0);
        var size = DimensionImbalance.Measure("size", [.. sized.Select(c => (c.Name, byFill ? c.FillRatio : c.PointCount))], thresholds.MaxSizeImbalance);
        if (size.Exceeded)
        {
            violations.Add(Global("SIZE_IMBALANCE", size, byFill ? "fill ratios" : "point counts"));
        }

        foreach (var full in sized.Where(c => c.FillRatio > thresholds.MaxFillRatio))
        {
            violations.Add(Issue(IssueSeverity.Error, "FILL_RATIO_HIGH", full.Name, F(
                $"{full.Name} is {full.FillRatio:P1} full, above max_fill_ratio {thresholds.MaxFillRatio:P0}; move domains off it or add capacity.")));
        }

        var latency = Latency(clusters, thresholds, violations);
        foreach (var failing in clusters.Where(c => c.ErrorRate > thresholds.MaxErrorRate))
        {
            violations.Add(Issue(IssueSeverity.Error, "ERROR_RATE_HIGH", failing.Name, F(
                $"{failing.Name} fails {failing.ErrorRate:P1} of requests, above max_error_rate {thresholds.MaxErrorRate:P1}; check its health before moving load onto it.")));
        }

        return new ImbalanceReport(load, size, latency, violations);
    }

    private DimensionImbalance Latency(IReadOnlyList<ClusterObservation> clusters, RebalancingThresholds thresholds, List<Issue> violations)
    {
        var reported = clusters.Where(c => c.LatencyP99Ms > 0).ToList();
        var measured = DimensionImbalance.Measure("latency", [.. reported.Select(c => (c.Name, c.LatencyP99Ms))], double.PositiveInfinity);
        var degradation = options.LatencyDegradation.TotalMilliseconds;
        var slow = reported.Where(c => c.LatencyP99Ms > thresholds.MaxLatencyP99Ms || c.LatencyP99Ms > measured.Mean + degradation)
            .OrderByDescending(c => c.LatencyP99Ms).ToList();
        foreach (var cluster in slow)
        {
            violations.Add(Issue(IssueSeverity.Warning, "LATENCY_HIGH", cluster.Name, F(
                $"{cluster.Name} answers in {cluster.LatencyP99Ms:0.#} ms at p99 (max_latency_p99_ms {thresholds.MaxLatencyP99Ms:0.#}, clusters' mean {measured.Mean:0.#}, degradation allowed {degradation:0.#} ms); move load off it.")));
        }

        return measured with { Threshold = thresholds.MaxLatencyP99Ms, Exceeded = slow.Count > 0, Responsible = [.. slow.Select(c => c.Name)] };
    }

    private static Issue Global(string code, DimensionImbalance d, string what) => Issue(IssueSeverity.Warning, code, "global", F(
        $"{d.Dimension} imbalance {d.CoefficientOfVariation:0.###} (coefficient of variation of {what}) exceeds {d.Threshold:0.###}; max/mean {d.MaxOverMean:0.##}; responsible: {string.Join(", ", d.Responsible)}."));

    private static Issue Issue(IssueSeverity severity, string code, string subject, string message) =>
        new() { Severity = severity, Code = code, Subject = subject, Message = message };

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
