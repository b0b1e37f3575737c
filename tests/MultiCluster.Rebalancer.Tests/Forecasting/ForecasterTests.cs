using MultiCluster.Rebalancer.Forecasting;
using Xunit;
using Xunit.Abstractions;

namespace MultiCluster.Rebalancer.Tests.Forecasting;

/// <summary>Holt and Holt-Winters on series whose trend and season are known: they beat the naive forecast, and their intervals hold what they claim.</summary>
public sealed class ForecasterTests(ITestOutputHelper output)
{
    [Fact]
    public void HoltsRecursions_MatchAHandComputedExample()
    {
        // y = 10, 12, 14 from level 10 and trend 2, alpha = beta = 0.5:
        // errors -2, -0.5, 0.375 (SSE 4.390625); final level 13.8125, trend 1.46875; two ahead 13.8125 + 2 x 1.46875 = 16.75.
        var fitted = ExponentialSmoothing.Filter([10, 12, 14], new SmoothingParameters(0.5, 0.5, 0), 0, 10, 2, []);

        Assert.Equal((13.8125, 1.46875, 4.390625), (fitted.Level, fitted.Trend, fitted.SumOfSquaredErrors));
        Assert.Equal(16.75, fitted.Predict(2), 12);
    }

    [Fact]
    public void OnALinearTrend_HoltBeatsTheNaiveForecast()
    {
        var random = new Random(13);
        var history = SyntheticSeries.Make(random, 0, 200, 100, 2, 0, 0, 3);
        var future = SyntheticSeries.Make(random, 200, 24, 100, 2, 0, 0, 0);

        var forecast = Forecaster.Forecast(history, 24, ModelChoice.Holt, period: 0);

        Assert.Equal(FittedModel.Holt, forecast.Model);
        var holt = SyntheticSeries.MeanAbsoluteError(forecast.Mean, future);
        var naive = SyntheticSeries.MeanAbsoluteError(Enumerable.Repeat(history[^1], 24).ToList(), future);
        output.WriteLine($"linear trend, 24 ahead: Holt MAE {holt:0.00}, naive MAE {naive:0.00}");
        Assert.True(holt < naive / 3, $"Holt MAE {holt:0.00} against naive {naive:0.00}");
    }

    [Fact]
    public void WithTwoSeasonsOfHistory_HoltWintersFollowsTheSeason_AndBeatsHoltAndNaive()
    {
        var random = new Random(7);
        var history = SyntheticSeries.Make(random, 0, 24 * 6, 100, 0.2, 20, 24, 2);
        var future = SyntheticSeries.Make(random, 24 * 6, 24, 100, 0.2, 20, 24, 0);

        var seasonal = Forecaster.Forecast(history, 24, ModelChoice.Holt, period: 24);
        var trendOnly = Forecaster.Forecast(history, 24, ModelChoice.Holt, period: 0);

        Assert.Equal(FittedModel.HoltWinters, seasonal.Model);
        var hw = SyntheticSeries.MeanAbsoluteError(seasonal.Mean, future);
        var holt = SyntheticSeries.MeanAbsoluteError(trendOnly.Mean, future);
        var naive = SyntheticSeries.MeanAbsoluteError(Enumerable.Repeat(history[^1], 24).ToList(), future);
        output.WriteLine($"seasonal, 24 ahead: Holt-Winters MAE {hw:0.00}, Holt MAE {holt:0.00}, naive MAE {naive:0.00}");
        Assert.True(hw < naive / 3 && hw < holt / 3, $"Holt-Winters MAE {hw:0.00}, Holt {holt:0.00}, naive {naive:0.00}");
    }

    [Fact]
    public void WithLessThanTwoSeasons_TheSeasonIsNotFitted()
    {
        var history = SyntheticSeries.Make(new Random(1), 0, 40, 100, 0, 20, 24, 1);

        Assert.Equal(FittedModel.Holt, Forecaster.Forecast(history, 5, ModelChoice.Holt, period: 24).Model);
    }

    [Fact]
    public void EightyPercentIntervals_CoverAboutEightyPercent_OneAndFiveStepsAhead()
    {
        // A local linear trend (level and slope random walks plus noise): the process Holt's method is optimal for.
        const int Trials = 300;
        var (share1, share5) = SyntheticSeries.IntervalCoverage(new Random(42), Trials, LocalLinearTrend, s => Forecaster.Forecast(s, 5, ModelChoice.Holt, period: 0));

        output.WriteLine($"80% intervals over {Trials} series: {share1:P1} covered one step ahead, {share5:P1} five steps ahead");
        Assert.True(share1 is >= 0.7 and <= 0.9, $"one step ahead: {share1:P1} covered");
        Assert.True(share5 is >= 0.7 and <= 0.9, $"five steps ahead: {share5:P1} covered");
    }

    private static double[] LocalLinearTrend(Random random)
    {
        var (level, slope) = (100.0, 0.5);
        var series = new double[125];
        for (var t = 0; t < series.Length; t++)
        {
            slope += 0.05 * SyntheticSeries.Gaussian(random);
            level += slope + SyntheticSeries.Gaussian(random);
            series[t] = level + (2 * SyntheticSeries.Gaussian(random));
        }

        return series;
    }

    [Fact]
    public void ALinearFit_ExtendsTheLine_AndEwmaStaysFlat()
    {
        double[] line = [.. Enumerable.Range(0, 10).Select(t => 5 + (3.0 * t))];

        var linear = Forecaster.Forecast(line, 2, ModelChoice.Linear, 0);
        var ewma = Forecaster.Forecast(line, 2, ModelChoice.Ewma, 0);

        Assert.Equal([35, 38], linear.Mean.Select(v => Math.Round(v, 9)));
        Assert.Equal(ewma.Mean[0], ewma.Mean[1], 12);
    }
}
