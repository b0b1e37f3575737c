using System.Globalization;
using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Analysis;
using MultiCluster.Rebalancer.Forecasting;
using MultiCluster.Rebalancer.Storage;

namespace MultiCluster.Rebalancer.Planning;

/// <summary>
/// Gathers what a plan starts from: every cluster that answers (capacity, points, bytes, draining), the libraries
/// stored on them ("{library}__{domain}" collections), each library's routing table from Specialization (a domain's
/// holders: its primary first, then the other clusters it is written to), each domain's size (its collection on a
/// holder) and query rate on each holder, and each cluster's request rate: forecast <see cref="PlanningOptions.PlanHorizon"/>
/// ahead (per domain, summed per cluster) when the history reaches back twice as far, the load now otherwise.
/// </summary>
public sealed class PlanInputReader(
    IClusterRegistry registry, LoadStore loads, SpecializationService.SpecializationServiceClient specialization,
    RebalancerOptions options, PlanningOptions planning, TimeProvider time)
{
    /// <summary>Buckets of history a forecast is fitted on at least, when held.</summary>
    private const int FitBuckets = 60;

    /// <summary>The inputs for <paramref name="library"/> (empty: every library); NOT_FOUND when no cluster stores the library named.</summary>
    public async Task<PlanInputs> ReadAsync(string library, bool useForecast, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(library);
        var now = time.GetUtcNow();
        var readings = (await ClusterReading.ReadAllAsync(registry, cancellationToken)).Where(r => r.Stats is not null).ToList();
        var libraries = readings.SelectMany(r => r.Stats!.Collections)
            .Select(c => LibraryName.TrySplit(c.Name, out var owner, out _) ? owner : null)
            .OfType<string>().Where(l => library.Length == 0 || l == library)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (library.Length > 0 && libraries.Count == 0)
        {
            throw RebalancerException.NotFound($"library: no cluster stores library '{library}'; check the name (ListLibraries) or leave it empty for all libraries.");
        }

        var current = (await loads.CurrentAsync(now - options.CurrentLoadWindow, cancellationToken)).ToDictionary(l => l.Cluster, StringComparer.Ordinal);
        var domainLoads = await loads.CurrentDomainsAsync(now - options.CurrentLoadWindow, cancellationToken);
        var domains = new List<PlanDomain>();
        foreach (var name in libraries)
        {
            domains.AddRange(await DomainsAsync(name, readings, domainLoads, cancellationToken));
        }

        var clusters = readings.Select(r => new PlanCluster(
            r.Options.Name, r.Options.CapacityPoints, r.Options.CapacityBytes, r.Stats!.PointsCount, r.Stats.ApproximateBytes,
            current.GetValueOrDefault(r.Options.Name)?.RequestRate ?? 0, current.GetValueOrDefault(r.Options.Name)?.LatencyP99Ms ?? 0, r.Options.Draining)).ToList();
        var window = options.CurrentLoadWindow.ToString("c", CultureInfo.InvariantCulture);
        if (!useForecast)
        {
            return new PlanInputs(clusters, domains, false, $"Planned on the load now (the last {window})");
        }

        return await ForecastAsync(clusters, domains, domainLoads, now, window, cancellationToken);
    }

    private async Task<IEnumerable<PlanDomain>> DomainsAsync(
        string library, List<ClusterReading> readings, IReadOnlyList<CurrentDomainLoad> domainLoads, CancellationToken cancellationToken)
    {
        RoutingTable table;
        try
        {
            table = (await specialization.GetRoutingTableAsync(new GetRoutingTableRequest { Library = library }, cancellationToken: cancellationToken)).Table;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            // Stored but never placed (only "unassigned"): nothing of it can move yet.
            return [];
        }

        return table.Entries.Where(e => e.DomainId != LibraryName.Unassigned).Select(entry =>
        {
            var holders = new[] { entry.Primary?.Name ?? "" }.Concat(entry.WriteClusters.Select(c => c.Name))
                .Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var copy = holders.Select(h => readings.FirstOrDefault(r => r.Options.Name == h)?.Stats?.Collections.FirstOrDefault(c => c.Name == entry.CollectionName))
                .FirstOrDefault(c => c is not null);
            var rates = domainLoads.Where(d => d.Library == library && d.DomainId == entry.DomainId && holders.Contains(d.Cluster))
                .GroupBy(d => d.Cluster, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(d => d.QueryRate), StringComparer.Ordinal);
            return new PlanDomain(library, entry.DomainId, holders, copy?.PointsCount ?? 0, copy?.ApproximateBytes ?? 0, rates, entry.Migrating);
        }).ToList();
    }

    /// <summary>
    /// Each domain's query rate forecast at the horizon (Holt, or Holt-Winters over two seasons) split over its holders
    /// by their shares now, and each cluster's rate the sum over the domains it serves now (<see cref="PlacementForecast"/>:
    /// a cluster's own series steps whenever a domain moves, a domain's does not); a domain without a series of its own
    /// is scaled with its cluster's forecast. The load now when any loaded cluster's history is short.
    /// </summary>
    private async Task<PlanInputs> ForecastAsync(
        List<PlanCluster> clusters, List<PlanDomain> domains, IReadOnlyList<CurrentDomainLoad> domainLoads, DateTimeOffset now, string window, CancellationToken cancellationToken)
    {
        var bucket = options.ForecastBucket;
        var horizon = (int)Math.Ceiling(planning.PlanHorizon.Ticks / (double)bucket.Ticks);
        var needed = Math.Max(2 * horizon, Forecaster.MinimumPoints);
        var end = LoadStore.Origin + TimeSpan.FromTicks((now - LoadStore.Origin).Ticks / bucket.Ticks * bucket.Ticks);
        // Fitted on more than the least it needs, as far back as a short-term model gains from (60 buckets).
        var history = await LoadHistory.ReadAsync(loads, [.. clusters.Select(c => c.Name)], end - (bucket * Math.Max(2 * needed, FitBuckets)), end, bucket, cancellationToken);
        var shortest = clusters.Where(c => c.RequestRate > 0).Select(c => history.Clusters[c.Name].Length).DefaultIfEmpty(0).Min();
        var ahead = planning.PlanHorizon.ToString("c", CultureInfo.InvariantCulture);
        if (shortest < needed)
        {
            return new PlanInputs(clusters, domains, false, string.Create(CultureInfo.InvariantCulture,
                $"Planned on the load now (the last {window}): a forecast {ahead} ahead needs {bucket * needed} of history and the shortest held is {bucket * shortest}"));
        }

        var period = (int)(options.SeasonLength.Ticks / bucket.Ticks);
        var rates = PlacementForecast.Forecast(history, domainLoads, horizon, ModelChoice.Auto, period);
        var factors = new Dictionary<string, double>(StringComparer.Ordinal);
        var forecast = clusters.Select(c =>
        {
            var rate = rates.Clusters[c.Name] is { } f ? Math.Max(0, f.Mean[^1]) : c.RequestRate;
            factors[c.Name] = c.RequestRate > 0 ? rate / c.RequestRate : 1;
            return c with { RequestRate = rate };
        }).ToList();
        var ownForecasts = rates.Domains.ToDictionary(d => d.Domain, d => Math.Max(0, d.Forecast.Mean[^1]));
        var scaled = domains.Select(d =>
        {
            var total = d.RateOn.Values.Sum();
            return d with
            {
                RateOn = ownForecasts.TryGetValue(new DomainKey(d.Library, d.DomainId), out var rate) && total > 0
                    ? d.RateOn.ToDictionary(r => r.Key, r => rate * r.Value / total, StringComparer.Ordinal)
                    : d.RateOn.ToDictionary(r => r.Key, r => r.Value * factors.GetValueOrDefault(r.Key, 1), StringComparer.Ordinal),
            };
        }).ToList();
        var basis = rates.Domains.Count > 0 ? "per domain, summed per cluster over the domains it serves now" : "per cluster, domain rates scaled with their cluster's";
        return new PlanInputs(forecast, scaled, true, string.Create(CultureInfo.InvariantCulture,
            $"Planned on the load forecast {ahead} ahead (Holt / Holt-Winters {basis}, over {bucket * needed} of history)"));
    }
}
