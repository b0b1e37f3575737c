using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.Rebalancer.Tests.Simulation;

/// <summary>
/// The run: the load of <see cref="LoadDriver"/> for <see cref="SimulationSettings.Days"/> days, the per-cluster rate
/// ratio sampled from the Rebalancer's own analysis, forecasts asked for as a dashboard would, automatic rebalancing
/// switched on at the start of day 1 with <see cref="AutoRebalancing"/>'s settings, and at the end the figures read
/// from the Rebalancer's history, metrics and forecast accuracy.
/// </summary>
public sealed class Simulation(ServiceMesh mesh, SimulatedLibrary library, SimulationSettings settings, Action<string> progress)
{
    // The Rebalancer's load window needs this long to hold only the simulation's own load.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);

    private readonly RebalancerService.RebalancerServiceClient _rebalancer = new(mesh.Host("Rebalancer").CallInvoker);

    public async Task<SimulationFigures> RunAsync(CancellationToken cancellationToken)
    {
        var day = new ZipfDay([.. library.Map.Domains.Select(d => d.DomainId)], settings);
        var driver = new LoadDriver(new OrchestratorService.OrchestratorServiceClient(mesh.Host("Orchestrator").CallInvoker), library, day, settings);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var load = driver.RunAsync(clock, stop.Token);
        var forecasts = ForecastAsync(stop.Token);
        var samples = new List<(int Day, double Ratio)>();
        var autoOn = false;
        var end = settings.DayLength * settings.Days;
        while (clock.Elapsed < end)
        {
            await Task.Delay(settings.SampleEvery, cancellationToken);
            var today = (int)(clock.Elapsed / settings.DayLength);
            if (today >= 1 && !autoOn)
            {
                await AutoRebalancing.EnableAsync(_rebalancer, cancellationToken);
                autoOn = true;
                progress("day 1: automatic rebalancing on");
            }

            if (today == 0 && clock.Elapsed < WarmUp)
            {
                continue;
            }

            var (ratio, rates) = await RatioAsync(cancellationToken);
            if (ratio is { } r)
            {
                samples.Add((today, r));
                progress($"day {today} phase {day.PhaseAt(clock.Elapsed)}: max/mean {r:F2} ({rates}), {driver.Sent} queries ({driver.Failed} failed, {driver.Partial} partial or empty)");
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(load, forecasts);
        return await FiguresAsync(samples, driver, started + (settings.DayLength * (settings.Days - 1)), cancellationToken);
    }

    // Busiest cluster's request rate over the mean of every cluster's, as the Rebalancer reads them now.
    private async Task<(double? Ratio, string Rates)> RatioAsync(CancellationToken cancellationToken)
    {
        var analysis = await _rebalancer.AnalyzeLoadDistributionAsync(new AnalyzeLoadDistributionRequest(), cancellationToken: cancellationToken);
        var rates = analysis.Clusters.Select(c => c.Load?.RequestRatePerSecond ?? 0).ToList();
        var mean = rates.Count == 0 ? 0 : rates.Average();
        var described = string.Join(" ", analysis.Clusters.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Cluster.Name}={c.Load?.RequestRatePerSecond ?? 0:F1}/s")));
        return (mean > 0 ? rates.Max() / mean : null, described);
    }

    // A dashboard's forecasts: each is kept by the Rebalancer and scored against what happened when its time comes.
    private async Task ForecastAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.ForecastEvery, cancellationToken);
                await _rebalancer.PredictRebalancingNeedsAsync(
                    new PredictRebalancingNeedsRequest { Horizon = Duration.FromTimeSpan(settings.ForecastEvery * 3), Step = Duration.FromTimeSpan(settings.ForecastEvery) },
                    cancellationToken: cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.Cancelled)
            {
                // Not enough history yet for this horizon: ask again later.
            }
        }
    }

    private async Task<SimulationFigures> FiguresAsync(List<(int Day, double Ratio)> samples, LoadDriver driver, DateTimeOffset lastDay, CancellationToken cancellationToken)
    {
        var metrics = await _rebalancer.GetRebalancingMetricsAsync(new GetRebalancingMetricsRequest(), cancellationToken: cancellationToken);
        var accuracy = await _rebalancer.GetPredictionAccuracyAsync(new GetPredictionAccuracyRequest(), cancellationToken: cancellationToken);
        // The last day alone: the first forecasts have no season in their history yet (Holt-Winters needs two days).
        var lastDayAccuracy = await _rebalancer.GetPredictionAccuracyAsync(
            new GetPredictionAccuracyRequest { TimeRange = new TimeRange { StartTime = Timestamp.FromDateTimeOffset(lastDay) } }, cancellationToken: cancellationToken);
        var history = await HistoryAsync(cancellationToken);
        foreach (var record in history.OrderBy(r => r.StartedAt))
        {
            progress($"{record.StartedAt.ToDateTimeOffset():HH:mm:ss} {record.Trigger} {record.State}: {record.Reason}; " +
                string.Join(", ", record.Moves.Select(m => $"{m.Move.DomainId} {m.Move.Source?.Name}->{m.Move.Target?.Name} {m.State}")));
        }

        var (mape, mapeNaive, scored) = WeightedMape(accuracy);
        var (mapeLastDay, mapeNaiveLastDay, _) = WeightedMape(lastDayAccuracy);
        return new SimulationFigures(
            Mean(samples.Where(s => s.Day == 0)),
            Mean(samples.Where(s => s.Day == settings.Days - 1)),
            (long)metrics.MovesCompleted,
            metrics.BytesMoved,
            Flaps.Count(history, AutoRebalancing.DomainCooldown),
            mape,
            mapeNaive,
            mapeLastDay,
            mapeNaiveLastDay,
            driver.Sent,
            driver.Failed,
            driver.Partial,
            driver.Dropped,
            history.Count,
            scored);
    }

    // Request-rate MAPE of the forecasts and of the naive ones over every cluster, weighted by forecasts scored.
    private static (double Mape, double MapeNaive, long Scored) WeightedMape(GetPredictionAccuracyResponse accuracy)
    {
        var scored = accuracy.Clusters.Where(c => c.EvaluatedCount > 0).ToList();
        var weight = Math.Max(1, scored.Sum(c => (double)c.EvaluatedCount));
        return (scored.Sum(c => c.RequestRateMapePercent * c.EvaluatedCount) / weight,
            scored.Sum(c => c.NaiveRequestRateMapePercent * c.EvaluatedCount) / weight,
            (long)scored.Sum(c => (double)c.EvaluatedCount));
    }

    private async Task<List<RebalancingRecord>> HistoryAsync(CancellationToken cancellationToken)
    {
        var records = new List<RebalancingRecord>();
        var request = new GetRebalancingHistoryRequest { Pagination = new Pagination { PageSize = 1000 } };
        do
        {
            var page = await _rebalancer.GetRebalancingHistoryAsync(request, cancellationToken: cancellationToken);
            records.AddRange(page.Records);
            request.Pagination.PageToken = page.NextPageToken;
        }
        while (request.Pagination.PageToken.Length > 0);
        return records;
    }

    private static double Mean(IEnumerable<(int Day, double Ratio)> samples) => samples.Select(s => s.Ratio).DefaultIfEmpty(double.NaN).Average();
}
