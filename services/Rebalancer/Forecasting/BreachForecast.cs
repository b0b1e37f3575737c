using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Analysis;
using MultiCluster.Rebalancer.Storage;

namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>
/// What one forecast says of the thresholds, kept to be judged later (<see cref="BreachScorer"/>): the first forecast
/// bucket in which the coefficient of variation of the clusters' request rates exceeds max_load_imbalance, and per
/// cluster with a fill forecast the first in which its fill ratio exceeds max_fill_ratio. Read at every bucket of the
/// horizon, not only at the response's sample steps, so the time judged does not depend on the step asked for.
/// </summary>
public static class BreachForecast
{
    public static IReadOnlyList<ForecastBreach> Find(
        DateTimeOffset madeAt, DateTimeOffset end, TimeSpan bucket, int horizon, IReadOnlyList<string> clusters,
        IReadOnlyDictionary<string, ForecastResult?> rates, IReadOnlyDictionary<string, ForecastResult?> fills, RebalancingThresholds limits)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(fills);
        ArgumentNullException.ThrowIfNull(limits);
        var to = end + (bucket * horizon);
        DateTimeOffset? At(int? h) => h is { } i ? end + (bucket * i) : null;
        var imbalance = First(horizon, h => Spread.Of([.. clusters.Select(c => Math.Max(0, rates.GetValueOrDefault(c)?.Mean[h] ?? 0))]).Cv > limits.MaxLoadImbalance);
        var breaches = new List<ForecastBreach> { new(madeAt, ForecastBreach.LoadImbalance, "", limits.MaxLoadImbalance, end, to, At(imbalance)) };
        foreach (var cluster in clusters)
        {
            if (fills.GetValueOrDefault(cluster) is { } fill)
            {
                breaches.Add(new(madeAt, ForecastBreach.FillRatio, cluster, limits.MaxFillRatio, end, to, At(First(horizon, h => fill.Mean[h] > limits.MaxFillRatio))));
            }
        }

        return breaches;
    }

    private static int? First(int horizon, Func<int, bool> above)
    {
        for (var h = 0; h < horizon; h++)
        {
            if (above(h))
            {
                return h;
            }
        }

        return null;
    }
}
