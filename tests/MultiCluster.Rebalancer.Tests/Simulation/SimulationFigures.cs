using System.Globalization;

namespace MultiCluster.Rebalancer.Tests.Simulation;

/// <summary>
/// What a simulation saw. Ratios are the busiest cluster's request rate over the clusters' mean, averaged over the
/// samples of day 0 (rebalancing off) and of the last day; flaps are domains moved again within their cooldown; MAPE
/// is the request-rate forecasts' (percent), against the naive last-value forecast's on the same targets, over the
/// whole run and over the forecasts whose target time falls in the last day.
/// </summary>
public sealed record SimulationFigures(
    double LoadRatioBefore, double LoadRatioAfter, long Moves, ulong BytesMoved, int Flaps, double Mape, double MapeNaive,
    double MapeLastDay, double MapeNaiveLastDay,
    long Queries, long FailedQueries, long PartialQueries, long DroppedQueries, int Rebalancings, long ForecastsScored)
{
    /// <summary>The benchmark's last line: the keys first, then the context.</summary>
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"load_ratio_before={LoadRatioBefore:F3} load_ratio_after={LoadRatioAfter:F3} moves={Moves} bytes_moved={BytesMoved} flaps={Flaps} " +
        $"mape={Mape:F2} mape_naive={MapeNaive:F2} mape_last_day={MapeLastDay:F2} mape_naive_last_day={MapeNaiveLastDay:F2} rebalancings={Rebalancings} forecasts_scored={ForecastsScored} queries={Queries} " +
        $"failed_queries={FailedQueries} partial_queries={PartialQueries} dropped_queries={DroppedQueries}");
}
