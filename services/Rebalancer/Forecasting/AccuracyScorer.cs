using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Storage;

namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>
/// Scores forecasts once their bucket has passed: the actual value is the stored series' value for that bucket
/// (none when nothing was reported: scored, never counted), and serves GetPredictionAccuracy: MAPE of request rates,
/// MAE of fill ratios, the naive last-value forecast's MAPE beside them, how often the 80% interval held the truth, and
/// the forecast breaches' precision and recall (<see cref="BreachScorer"/>);
/// per cluster (against what the cluster saw) and per domain (against its query rate summed over the clusters serving it).
/// </summary>
public sealed class AccuracyScorer(ForecastStore forecasts, BreachScorer breaches, LoadStore loads, SizeStore sizes, RebalancerOptions options, TimeProvider time)
{
    private const int BatchSize = 5_000;

    /// <summary>Scores every due forecast; returns how many.</summary>
    public async Task<int> ScoreDueAsync(CancellationToken cancellationToken)
    {
        var bucket = options.ForecastBucket;
        var now = time.GetUtcNow();
        var scored = 0;
        while (true)
        {
            var due = await forecasts.DueAsync(now - bucket, BatchSize, cancellationToken);
            if (due.Count == 0)
            {
                return scored;
            }

            var from = due.Min(d => d.TargetTime);
            var to = due.Max(d => d.TargetTime) + bucket;
            var rates = await loads.RateSeriesAsync(from, to, bucket, cancellationToken);
            var fills = await sizes.FillSeriesAsync(from, to, bucket, cancellationToken);
            var domains = due.Any(d => d.Metric == ForecastMetrics.DomainRequestRate)
                ? LoadHistory.DomainTotals(await loads.DomainRateSeriesAsync(from, to, bucket, cancellationToken))
                : new Dictionary<DomainKey, IReadOnlyList<SeriesPoint>>();
            var scores = due.Select(d => (d.Id, d.Metric switch
            {
                ForecastMetrics.DomainRequestRate => Actual(domains.GetValueOrDefault(new DomainKey(d.Library, d.DomainId)), d.TargetTime),
                ForecastMetrics.RequestRate => Actual(rates.GetValueOrDefault(d.Cluster), d.TargetTime),
                _ => Actual(fills.GetValueOrDefault(d.Cluster), d.TargetTime),
            })).ToList();
            await forecasts.ScoreAsync(scores, now, cancellationToken);
            scored += due.Count;
            if (due.Count < BatchSize)
            {
                return scored;
            }
        }
    }

    public async Task<GetPredictionAccuracyResponse> AccuracyAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await ScoreDueAsync(cancellationToken);
        var accuracy = await forecasts.AccuracyAsync(from, to, cancellationToken);
        var response = new GetPredictionAccuracyResponse();
        foreach (var cluster in accuracy.GroupBy(a => a.Cluster, StringComparer.Ordinal))
        {
            var rate = cluster.FirstOrDefault(a => a.Metric == ForecastMetrics.RequestRate);
            var fill = cluster.FirstOrDefault(a => a.Metric == ForecastMetrics.FillRatio);
            response.Clusters.Add(new ClusterPredictionAccuracy
            {
                Cluster = new ClusterRef { Name = cluster.Key },
                RequestRateMapePercent = rate?.Mape ?? 0,
                NaiveRequestRateMapePercent = rate?.NaiveMape ?? 0,
                FillRatioMae = fill?.Mae ?? 0,
                EvaluatedCount = (ulong)cluster.Sum(a => a.Count),
            });
        }

        var rates = accuracy.Where(a => a.Metric == ForecastMetrics.RequestRate).ToList();
        var fills = accuracy.Where(a => a.Metric == ForecastMetrics.FillRatio).ToList();
        response.RequestRateMapePercent = Weighted(rates, a => a.Mape);
        response.NaiveRequestRateMapePercent = Weighted(rates, a => a.NaiveMape);
        response.RequestRateIntervalCoverage = Weighted(rates, a => a.Coverage);
        response.FillRatioMae = Weighted(fills, a => a.Mae);
        response.EvaluatedCount = (ulong)accuracy.Sum(a => a.Count);
        (response.BreachPrecision, response.BreachRecall) = await breaches.ScoreAsync(from, to, cancellationToken);
        foreach (var domain in await forecasts.DomainAccuracyAsync(from, to, cancellationToken))
        {
            response.Domains.Add(new DomainPredictionAccuracy
            {
                Library = domain.Library,
                DomainId = domain.DomainId,
                RequestRateMapePercent = domain.Mape,
                NaiveRequestRateMapePercent = domain.NaiveMape,
                EvaluatedCount = (ulong)domain.Count,
                RequestRateIntervalCoverage = domain.Coverage,
            });
        }

        return response;
    }

    /// <summary>The value of <paramref name="series"/> in the bucket starting at <paramref name="start"/>; null when nothing was reported then.</summary>
    private static double? Actual(IReadOnlyList<SeriesPoint>? series, DateTimeOffset start)
    {
        foreach (var point in series ?? [])
        {
            if (point.Start == start)
            {
                return point.Value;
            }
        }

        return null;
    }

    private static double Weighted(IReadOnlyList<MetricAccuracy> rows, Func<MetricAccuracy, double> value)
    {
        var total = rows.Sum(a => a.Count);
        return total == 0 ? 0 : rows.Sum(a => value(a) * a.Count) / total;
    }
}
