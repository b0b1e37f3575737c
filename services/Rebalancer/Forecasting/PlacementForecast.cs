using MultiCluster.Rebalancer.Storage;

namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>
/// Request rates forecast per domain, and per cluster as the sum of the forecasts of the domains it serves now.
/// Why not a cluster's own series: its rate steps whenever a domain moves on or off it, which the last value follows
/// at once and a smoothed level and trend do not (they read the step as a trend, or lag it), so per-cluster forecasts
/// lost to the naive one. A domain's own query rate does not change when it moves. So each domain's series (summed over
/// the clusters that served it) is forecast, and a cluster's forecast is, over the domains it serves now (the current
/// load window; a domain read from several clusters split by its current shares), the sum of their forecasts, times
/// its calls per domain query (one call may read several domains), plus a forecast of its residual (calls no domain
/// accounts for). Without any domain series, a cluster's own series is forecast as before. Intervals add as if the
/// parts were independent.
/// </summary>
public static class PlacementForecast
{
    public static RateForecasts Forecast(
        LoadHistory history, IReadOnlyList<CurrentDomainLoad> now, int horizon, ModelChoice model, int period)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(now);
        var current = now.GroupBy(d => new DomainKey(d.Library, d.DomainId)).ToDictionary(g => g.Key, g => LoadHistory.Shares(g.Select(d => (d.Cluster, d.QueryRate))));
        var domains = new List<DomainRateForecast>();
        foreach (var (key, series) in history.Domains.OrderBy(d => d.Key.Library, StringComparer.Ordinal).ThenBy(d => d.Key.DomainId, StringComparer.Ordinal))
        {
            if (Forecaster.ForecastOrLast(series, horizon, model, period) is not { } forecast)
            {
                continue;
            }

            var shares = current.TryGetValue(key, out var held) && held.Count > 0 ? held : history.LastShares.GetValueOrDefault(key) ?? new Dictionary<string, double>();
            var cluster = shares.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key).FirstOrDefault() ?? "";
            domains.Add(new DomainRateForecast(key, cluster, shares, forecast, series[^1]));
        }

        var clusters = history.Clusters.ToDictionary(
            c => c.Key,
            c => history.Domains.Count == 0 ? Forecaster.ForecastOrLast(c.Value, horizon, model, period) : Sum(c.Key, history, domains, horizon, model, period),
            StringComparer.Ordinal);
        return new RateForecasts(clusters, domains);
    }

    private static ForecastResult? Sum(string cluster, LoadHistory history, List<DomainRateForecast> domains, int horizon, ModelChoice model, int period)
    {
        var served = domains.Where(d => d.Shares.ContainsKey(cluster)).Select(d => (Weight: history.Calls.GetValueOrDefault(cluster, 1) * d.Shares[cluster], d.Forecast)).ToList();
        var residualSeries = history.Residuals.GetValueOrDefault(cluster) ?? [];
        // A residual that never held anything forecasts zero: no fit spent on it.
        var residual = residualSeries.Any(v => v > 0) ? Forecaster.ForecastOrLast(residualSeries, horizon, model, period) : null;
        if (served.Count == 0 && residual is null && history.Clusters[cluster].Length == 0)
        {
            return null;
        }

        var parts = residual is null ? served : [.. served, (1.0, residual)];
        var mean = new double[horizon];
        var lower = new double[horizon];
        var upper = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            mean[h] = parts.Sum(p => p.Weight * p.Forecast.Mean[h]);
            var width = Math.Sqrt(parts.Sum(p => Math.Pow(p.Weight * (p.Forecast.Upper[h] - p.Forecast.Mean[h]), 2)));
            (lower[h], upper[h]) = (mean[h] - width, mean[h] + width);
        }

        var sigma = Math.Sqrt(parts.Sum(p => Math.Pow(p.Weight * p.Forecast.ResidualSd, 2)));
        return new ForecastResult(FittedModel.DomainSum, mean, lower, upper, sigma, [.. parts.Select(p => p.Forecast.Model)]);
    }
}
