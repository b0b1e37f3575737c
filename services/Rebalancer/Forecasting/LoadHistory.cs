using MultiCluster.Rebalancer.Storage;

namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>
/// The request rate history forecasts are fitted on, regular from each series' first bucket to <c>end</c> (see
/// <see cref="DenseSeries"/>): per cluster its request rate; per domain its query rate summed over the clusters that
/// served it (what the domain brings wherever it is placed); per cluster the residual, the part of its rate its
/// domains' queries do not account for (calls without a domain). <see cref="Calls"/> is, per cluster in the last
/// bucket, its request rate over its domains' query rate, at most 1: one call reading several domains of a cluster
/// counts once in the cluster's rate and once for each domain. <see cref="LastShares"/> is, per domain, the share of
/// its queries each cluster served in the last bucket it was queried in.
/// </summary>
public sealed record LoadHistory(
    IReadOnlyDictionary<string, double[]> Clusters,
    IReadOnlyDictionary<DomainKey, double[]> Domains,
    IReadOnlyDictionary<string, double[]> Residuals,
    IReadOnlyDictionary<string, double> Calls,
    IReadOnlyDictionary<DomainKey, IReadOnlyDictionary<string, double>> LastShares)
{
    /// <summary>Reads the series of <paramref name="clusters"/> and of every domain over [from, end).</summary>
    public static async Task<LoadHistory> ReadAsync(
        LoadStore loads, IReadOnlyList<string> clusters, DateTimeOffset from, DateTimeOffset end, TimeSpan bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loads);
        var rates = await loads.RateSeriesAsync(from, end, bucket, cancellationToken);
        var domains = await loads.DomainRateSeriesAsync(from, end, bucket, cancellationToken);
        return Build(clusters, rates, domains, end, bucket);
    }

    public static LoadHistory Build(
        IReadOnlyList<string> clusters, IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>> rates, IReadOnlyList<DomainRatePoint> domains, DateTimeOffset end, TimeSpan bucket)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(domains);
        var reported = rates.Values.SelectMany(p => p).Select(p => p.Start).ToHashSet();
        var byDomain = domains.GroupBy(d => new DomainKey(d.Library, d.DomainId)).OrderBy(g => g.Key.Library, StringComparer.Ordinal).ThenBy(g => g.Key.DomainId, StringComparer.Ordinal).ToList();
        var totals = DomainTotals(domains);
        var domainSeries = byDomain.ToDictionary(g => g.Key, g => DenseSeries.Fill(totals[g.Key], end, bucket, reported));
        var lastShares = byDomain.ToDictionary(g => g.Key, g =>
        {
            var latest = g.Max(p => p.Start);
            return Shares(g.Where(p => p.Start == latest).Select(p => (p.Cluster, p.Rate)));
        });

        var attributed = domains.GroupBy(d => (d.Cluster, d.Start)).ToDictionary(g => g.Key, g => g.Sum(d => d.Rate));
        var clusterSeries = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var residuals = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var calls = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var cluster in clusters)
        {
            var points = rates.GetValueOrDefault(cluster) ?? [];
            clusterSeries[cluster] = DenseSeries.Fill(points, end, bucket);
            residuals[cluster] = DenseSeries.Fill(
                [.. points.Select(p => p with { Value = Math.Max(0, p.Value - attributed.GetValueOrDefault((cluster, p.Start))) })], end, bucket);
            var last = points.Count > 0 ? points[^1] : default;
            var queries = points.Count > 0 ? attributed.GetValueOrDefault((cluster, last.Start)) : 0;
            calls[cluster] = queries > 0 ? Math.Min(1, last.Value / queries) : 1;
        }

        return new LoadHistory(clusterSeries, domainSeries, residuals, calls, lastShares);
    }

    /// <summary>Each domain's query rate per bucket, summed over the clusters that served it (what it brings wherever it is placed), oldest first.</summary>
    public static IReadOnlyDictionary<DomainKey, IReadOnlyList<SeriesPoint>> DomainTotals(IEnumerable<DomainRatePoint> domains) =>
        domains.GroupBy(d => new DomainKey(d.Library, d.DomainId)).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<SeriesPoint>)[.. g.GroupBy(p => p.Start).Select(b => new SeriesPoint(b.Key, b.Sum(p => p.Rate))).OrderBy(p => p.Start)]);

    /// <summary>Each cluster's share of the rates given (empty when they sum to zero).</summary>
    public static IReadOnlyDictionary<string, double> Shares(IEnumerable<(string Cluster, double Rate)> rates)
    {
        var summed = rates.GroupBy(r => r.Cluster, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Rate), StringComparer.Ordinal);
        var total = summed.Values.Sum();
        return total > 0
            ? summed.Where(s => s.Value > 0).ToDictionary(s => s.Key, s => s.Value / total, StringComparer.Ordinal)
            : new Dictionary<string, double>(StringComparer.Ordinal);
    }
}
