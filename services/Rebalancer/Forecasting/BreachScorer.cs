using MultiCluster.Clusters;
using MultiCluster.Rebalancer.Analysis;
using MultiCluster.Rebalancer.Storage;

namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>
/// GetPredictionAccuracy's breach_precision and breach_recall, judged on the stored series as the future arrives.
/// An observed breach of a threshold is a bucket of the subject's series above the limit the forecast used (the
/// clusters' load imbalance: the coefficient of variation of their request rates, a cluster without a report in a
/// bucket counting 0; a cluster's fill ratio); an actual breach is its onset, a bucket above the limit after one that
/// was not. The tolerance is one forecast bucket either side of the forecast time T.
/// <list type="bullet">
/// <item>precision: of the forecast breaches with T in the range whose tolerance window has passed, the share observed
/// above the limit in some bucket of [T - tolerance, T + tolerance] that the forecast had not seen yet (from its first
/// forecast bucket on: what it already saw proves nothing);</item>
/// <item>recall: of the onsets in the range within the future some forecast of that threshold, subject and limit looked
/// at, the share some such forecast made before the onset (its first forecast bucket not after it) put within the
/// tolerance. An onset no forecast looked at is not counted: nothing was asked of a forecast there.</item>
/// </list>
/// 0 when there is nothing to count.
/// </summary>
public sealed class BreachScorer(ForecastBreachStore breaches, LoadStore loads, SizeStore sizes, IClusterRegistry registry, RebalancerOptions options, TimeProvider time)
{
    public async Task<(double Precision, double Recall)> ScoreAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var bucket = options.ForecastBucket;
        var tolerance = bucket;
        var now = time.GetUtcNow();
        var forecasts = await breaches.OverlappingAsync(from - tolerance, to + tolerance, cancellationToken);
        if (forecasts.Count == 0)
        {
            return (0, 0);
        }

        // One bucket before the first covered one, so an onset at the start of a forecast's future can be told from a breach going on.
        var observed = await ObservedAsync(forecasts, forecasts.Min(f => f.CoveredFrom) - bucket - tolerance, forecasts.Max(f => f.CoveredTo) + tolerance, cancellationToken);
        bool InRange(DateTimeOffset t) => (from is null || t >= from) && (to is null || t < to);

        var judged = forecasts.Where(f => f.BreachTime is { } t && InRange(t) && t + tolerance + bucket <= now).ToList();
        var hits = judged.Count(f =>
        {
            var t = f.BreachTime!.Value;
            var first = t - tolerance > f.CoveredFrom ? t - tolerance : f.CoveredFrom;
            return Series(observed, f).Any(p => p.Start >= first && p.Start <= t + tolerance && p.Value > f.Limit);
        });

        var onsets = 0;
        var foreseen = 0;
        foreach (var group in forecasts.GroupBy(f => (f.Threshold, f.Subject, f.Limit)))
        {
            SeriesPoint? previous = null;
            foreach (var point in Series(observed, group.First()))
            {
                var onset = point.Value > group.Key.Limit && (previous is null || previous.Value.Value <= group.Key.Limit);
                previous = point;
                if (!onset || !InRange(point.Start) || point.Start + bucket > now || !group.Any(f => f.CoveredFrom <= point.Start && point.Start < f.CoveredTo))
                {
                    continue;
                }

                onsets++;
                if (group.Any(f => f.BreachTime is { } t && f.CoveredFrom <= point.Start && (t - point.Start).Duration() <= tolerance))
                {
                    foreseen++;
                }
            }
        }

        return (judged.Count == 0 ? 0 : hits / (double)judged.Count, onsets == 0 ? 0 : foreseen / (double)onsets);
    }

    private static IReadOnlyList<SeriesPoint> Series(IReadOnlyDictionary<(string Threshold, string Subject), IReadOnlyList<SeriesPoint>> observed, ForecastBreach forecast) =>
        observed.GetValueOrDefault((forecast.Threshold, forecast.Subject)) ?? [];

    /// <summary>Each judged series over [from, to), oldest first: the clusters' load imbalance, and each cluster's fill ratio when a fill breach was forecast.</summary>
    private async Task<IReadOnlyDictionary<(string Threshold, string Subject), IReadOnlyList<SeriesPoint>>> ObservedAsync(
        IReadOnlyList<ForecastBreach> forecasts, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var bucket = options.ForecastBucket;
        var series = new Dictionary<(string, string), IReadOnlyList<SeriesPoint>>();
        if (forecasts.Any(f => f.Threshold == ForecastBreach.LoadImbalance))
        {
            var names = registry.Current.Options.Select(o => o.Name).ToList();
            var rates = await loads.RateSeriesAsync(from, to, bucket, cancellationToken);
            var byStart = rates.SelectMany(r => r.Value.Select(p => (Cluster: r.Key, Point: p))).GroupBy(p => p.Point.Start).OrderBy(g => g.Key);
            series[(ForecastBreach.LoadImbalance, "")] =
            [
                .. byStart.Select(g => new SeriesPoint(g.Key, Spread.Of([.. names.Select(n => g.FirstOrDefault(p => p.Cluster == n).Point.Value)]).Cv)),
            ];
        }

        if (forecasts.Any(f => f.Threshold == ForecastBreach.FillRatio))
        {
            foreach (var (cluster, points) in await sizes.FillSeriesAsync(from, to, bucket, cancellationToken))
            {
                series[(ForecastBreach.FillRatio, cluster)] = points;
            }
        }

        return series;
    }
}
