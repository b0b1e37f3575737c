using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Analysis;
using MultiCluster.Rebalancer.Storage;

namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>
/// PredictRebalancingNeeds: per configured cluster, request rate and fill ratio forecast over the horizon from the
/// stored series (<see cref="RebalancerOptions.ForecastBucket"/> apart), breaches of max_fill_ratio (per cluster) and
/// max_load_imbalance (across the forecast rates, charged to the busiest cluster) found, every forecast value stored to
/// be scored when its time comes, and what it forecast of each threshold kept to be judged (<see cref="BreachScorer"/>).
/// The horizon may not reach further ahead than the history reaches back.
/// </summary>
public sealed class NeedsPredictor(
    IClusterRegistry registry, LoadStore loads, SizeStore sizes, ForecastStore forecasts, ForecastBreachStore breaches, ThresholdStore thresholds, RebalancerOptions options, TimeProvider time)
{
    /// <summary>Most buckets a model is fitted on: enough for two and a half seasons, bounded so a fit stays quick.</summary>
    private int FitWindow => Math.Clamp((Period * 5) / 2, 720, 5_000);

    private int Period => (int)(options.SeasonLength.Ticks / options.ForecastBucket.Ticks);

    public async Task<PredictRebalancingNeedsResponse> PredictAsync(PredictionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bucket = options.ForecastBucket;
        var now = time.GetUtcNow();
        var end = LoadStore.Origin + TimeSpan.FromTicks((now - LoadStore.Origin).Ticks / bucket.Ticks * bucket.Ticks);
        var from = end - (bucket * FitWindow);
        var names = registry.Current.Options.Select(o => o.Name).ToList();
        var history = await LoadHistory.ReadAsync(loads, names, from, end, bucket, cancellationToken);
        var placement = await loads.CurrentDomainsAsync(now - options.CurrentLoadWindow, cancellationToken);
        var fills = await sizes.FillSeriesAsync(from, end, bucket, cancellationToken);
        var rateHistory = history.Clusters;
        var fillHistory = names.ToDictionary(n => n, n => DenseSeries.Fill(fills.GetValueOrDefault(n), end, bucket), StringComparer.Ordinal);
        var held = rateHistory.Values.Select(h => h.Length).DefaultIfEmpty(0).Max();
        var (horizonBuckets, stepBuckets) = Steps(request, held, bucket);

        var limits = await thresholds.CurrentAsync(cancellationToken);
        var response = new PredictRebalancingNeedsResponse { Model = request.ContractModel };
        var records = new List<ForecastRecord>();
        var rates = PlacementForecast.Forecast(history, placement, horizonBuckets, request.Model, Period);
        if (request.ContractModel == ForecastModel.Unspecified)
        {
            response.Model = Dominant(rates);
        }

        var fillForecasts = new Dictionary<string, ForecastResult?>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var rate = rates.Clusters[name];
            var fill = fillForecasts[name] = Forecaster.ForecastOrLast(fillHistory[name], horizonBuckets, request.Model, Period);
            var cluster = new ClusterForecast { Cluster = new ClusterRef { Name = name, Region = registry.Current.Options.First(o => o.Name == name).Region } };
            for (var h = stepBuckets; h <= horizonBuckets; h += stepBuckets)
            {
                var at = end + (bucket * (h - 1));
                var sample = new ForecastSample { Time = Timestamp.FromDateTimeOffset(at) };
                if (rate is not null)
                {
                    (sample.RequestRatePerSecond, sample.RequestRateLower, sample.RequestRateUpper) = (Math.Max(0, rate.Mean[h - 1]), Math.Max(0, rate.Lower[h - 1]), Math.Max(0, rate.Upper[h - 1]));
                    records.Add(new ForecastRecord(now, at, name, ForecastMetrics.RequestRate, rate.Name, rate.Mean[h - 1], rate.Lower[h - 1], rate.Upper[h - 1], rateHistory[name][^1]));
                }

                if (fill is not null)
                {
                    (sample.FillRatio, sample.FillRatioLower, sample.FillRatioUpper) = (Math.Max(0, fill.Mean[h - 1]), Math.Max(0, fill.Lower[h - 1]), Math.Max(0, fill.Upper[h - 1]));
                    records.Add(new ForecastRecord(now, at, name, ForecastMetrics.FillRatio, fill.Name, fill.Mean[h - 1], fill.Lower[h - 1], fill.Upper[h - 1], fillHistory[name][^1]));
                    if (cluster.BreachTime is null && fill.Mean[h - 1] > limits.MaxFillRatio)
                    {
                        (cluster.BreachTime, cluster.BreachedThreshold) = (sample.Time, "max_fill_ratio");
                    }
                }

                cluster.Samples.Add(sample);
            }

            response.Clusters.Add(cluster);
        }

        foreach (var domain in rates.Domains)
        {
            response.Domains.Add(DomainSamples(domain, end, horizonBuckets, stepBuckets, now, records));
        }

        MarkLoadImbalance(response, limits);
        var first = response.Clusters.Where(c => c.BreachTime is not null).Select(c => c.BreachTime.ToDateTimeOffset()).DefaultIfEmpty().Min();
        if (first != default)
        {
            response.RebalancingRecommended = true;
            // The auto mode acts at analysis ticks: starting one interval early leaves a tick before the breach.
            response.RecommendedStartTime = Timestamp.FromDateTimeOffset(first - options.AnalysisInterval > now ? first - options.AnalysisInterval : now);
        }

        response.Confidence = await ConfidenceAsync(held, request.Model, cancellationToken);
        await forecasts.AddAsync(records, cancellationToken);
        await breaches.AddAsync(BreachForecast.Find(now, end, bucket, horizonBuckets, names, rates.Clusters, fillForecasts, limits), cancellationToken);
        return response;
    }

    private static (int Horizon, int Step) Steps(PredictionRequest request, int held, TimeSpan bucket)
    {
        if (held < Forecaster.MinimumPoints)
        {
            throw RebalancerException.Invalid(
                $"horizon: the history holds {held} buckets of {bucket} and a forecast needs at least {Forecaster.MinimumPoints}; wait for more cluster.load reports (every few seconds from each Orchestrator).");
        }

        var horizonBuckets = (int)Math.Ceiling(request.Horizon.Ticks / (double)bucket.Ticks);
        if (horizonBuckets > held)
        {
            throw RebalancerException.Invalid(
                $"horizon: {request.Horizon} reaches further ahead than the {bucket * held} of history reaches back; ask for at most that, or wait for more history.");
        }

        if (request.Step is { } s && s < bucket)
        {
            throw RebalancerException.Invalid($"step: {s} is finer than the {bucket} the history is sampled at; give at least {bucket}.");
        }

        var step = request.Step ?? request.Horizon / 24;
        return (horizonBuckets, Math.Clamp((int)Math.Round(step.Ticks / (double)bucket.Ticks), 1, horizonBuckets));
    }

    /// <summary>A domain's forecast as the contract carries it, its values added to <paramref name="records"/> to be scored.</summary>
    private DomainForecast DomainSamples(DomainRateForecast domain, DateTimeOffset end, int horizonBuckets, int stepBuckets, DateTimeOffset now, List<ForecastRecord> records)
    {
        var bucket = options.ForecastBucket;
        var forecast = domain.Forecast;
        var message = new DomainForecast { Library = domain.Domain.Library, DomainId = domain.Domain.DomainId, Model = forecast.Name };
        if (domain.Cluster.Length > 0)
        {
            message.Cluster = new ClusterRef { Name = domain.Cluster, Region = registry.Current.Options.FirstOrDefault(o => o.Name == domain.Cluster)?.Region ?? "" };
        }

        for (var h = stepBuckets; h <= horizonBuckets; h += stepBuckets)
        {
            var at = end + (bucket * (h - 1));
            var (mean, lower, upper) = (forecast.Mean[h - 1], forecast.Lower[h - 1], forecast.Upper[h - 1]);
            message.Samples.Add(new DomainForecastSample
            {
                Time = Timestamp.FromDateTimeOffset(at), RequestRatePerSecond = Math.Max(0, mean), RequestRateLower = Math.Max(0, lower), RequestRateUpper = Math.Max(0, upper),
            });
            records.Add(new ForecastRecord(
                now, at, domain.Cluster, ForecastMetrics.DomainRequestRate, forecast.Name, mean, lower, upper, domain.Last, domain.Domain.Library, domain.Domain.DomainId));
        }

        return message;
    }

    /// <summary>
    /// Of the models the service chose per series, the one behind most of the forecast request rate (the domains'; the
    /// clusters' own series when no domain has one): what the response's single model field can say of a mixed choice.
    /// </summary>
    private static ForecastModel Dominant(RateForecasts rates)
    {
        var forecasts = rates.Domains.Count > 0 ? rates.Domains.Select(d => d.Forecast) : rates.Clusters.Values.OfType<ForecastResult>();
        return forecasts
            .GroupBy(f => f.Model.Contract())
            .Select(g => (Model: g.Key, Rate: g.Sum(f => Math.Abs(f.Mean[0]))))
            .OrderByDescending(g => g.Rate)
            .ThenBy(g => g.Model)
            .Select(g => g.Model)
            .FirstOrDefault(ForecastModel.Holt);
    }

    /// <summary>At each sample time, a forecast coefficient of variation above max_load_imbalance is charged to the busiest cluster then.</summary>
    private static void MarkLoadImbalance(PredictRebalancingNeedsResponse response, RebalancingThresholds limits)
    {
        var count = response.Clusters.Select(c => c.Samples.Count).DefaultIfEmpty(0).Min();
        for (var i = 0; i < count; i++)
        {
            if (Spread.Of([.. response.Clusters.Select(c => c.Samples[i].RequestRatePerSecond)]).Cv <= limits.MaxLoadImbalance)
            {
                continue;
            }

            var busiest = response.Clusters.MaxBy(c => c.Samples[i].RequestRatePerSecond)!;
            if (busiest.BreachTime is null)
            {
                (busiest.BreachTime, busiest.BreachedThreshold) = (busiest.Samples[i].Time, "max_load_imbalance");
            }
        }
    }

    /// <summary>History length against what the model wants, times recent accuracy (halved when worse than naive by more than the seeds' accuracy_drop; 0.5 before any forecast was scored).</summary>
    private async Task<double> ConfidenceAsync(int held, ModelChoice model, CancellationToken cancellationToken)
    {
        var wanted = (model is ModelChoice.Holt or ModelChoice.Auto) && Period >= 2 ? 2 * Period : 48;
        var history = Math.Min(1, held / (double)wanted);
        var scored = (await forecasts.AccuracyAsync(null, null, cancellationToken)).Where(a => a.Metric == ForecastMetrics.RequestRate && a.Count > 0).ToList();
        if (scored.Count == 0)
        {
            return history * 0.5;
        }

        var total = scored.Sum(a => a.Count);
        var mape = scored.Sum(a => a.Mape * a.Count) / total;
        var naive = scored.Sum(a => a.NaiveMape * a.Count) / total;
        var accuracy = Math.Clamp(1 - (mape / 100), 0, 1) * (mape > naive * (1 + options.AccuracyDrop) ? 0.5 : 1);
        return history * accuracy;
    }
}
