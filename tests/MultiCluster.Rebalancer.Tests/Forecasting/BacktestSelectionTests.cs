using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Forecasting;
using Xunit;
using Xunit.Abstractions;

namespace MultiCluster.Rebalancer.Tests.Forecasting;

/// <summary>
/// The service's choice of model per series by rolling-origin backtest: the last value where load steps, Holt where it
/// trends, Holt-Winters where it repeats, and a model asked for by name always used.
/// </summary>
public sealed class BacktestSelectionTests(ITestOutputHelper output)
{
    private const int Horizon = 12;

    private static readonly double Harmonic16 = Enumerable.Range(1, 16).Sum(k => 1.0 / k);

    [Fact]
    public void AfterAStep_TheChoiceForecastsAtLeastAsWellAsTheLastValue_WhereHoltLags()
    {
        var random = new Random(5);
        double[] history = [.. Flat(random, 60, 100), .. Flat(random, 16, 160)];
        var future = Flat(random, Horizon, 160);

        var chosen = Forecaster.Forecast(history, Horizon, ModelChoice.Auto, period: 0);

        var naive = Mape(Enumerable.Repeat(history[^1], Horizon).ToList(), future);
        var holt = Mape(Forecaster.Forecast(history, Horizon, ModelChoice.Holt, 0).Mean, future);
        var mape = Mape(chosen.Mean, future);
        output.WriteLine($"step 100 -> 160, {Horizon} ahead: chose {chosen.Model}, MAPE {mape:0.00}% (naive {naive:0.00}%, Holt {holt:0.00}%)");
        Assert.Equal(FittedModel.Naive, chosen.Model);
        Assert.True(mape <= naive + 1e-9, $"chosen MAPE {mape:0.00}% against naive {naive:0.00}%");
    }

    [Fact]
    public void OnALinearTrend_HoltIsChosen_AndBeatsTheLastValue()
    {
        var random = new Random(13);

        ChosenAndBetterThanTheLastValue(SyntheticSeries.Make(random, 0, 200, 100, 2, 0, 0, 3), SyntheticSeries.Make(random, 200, 24, 100, 2, 0, 0, 0), 0, FittedModel.Holt);
    }

    [Fact]
    public void WithTwoSeasonsOfHistory_HoltWintersIsChosen()
    {
        var random = new Random(7);

        ChosenAndBetterThanTheLastValue(SyntheticSeries.Make(random, 0, 24 * 6, 100, 0.2, 20, 24, 2), SyntheticSeries.Make(random, 24 * 6, 24, 100, 0.2, 20, 24, 0), 24, FittedModel.HoltWinters);
    }

    [Theory]
    [InlineData(ForecastModel.Holt, ModelChoice.Holt, FittedModel.Holt)]
    [InlineData(ForecastModel.Ewma, ModelChoice.Ewma, FittedModel.Ewma)]
    [InlineData(ForecastModel.Linear, ModelChoice.Linear, FittedModel.Linear)]
    [InlineData(ForecastModel.Naive, ModelChoice.Naive, FittedModel.Naive)]
    [InlineData(ForecastModel.Unspecified, ModelChoice.Auto, FittedModel.Naive)]
    public void AModelAskedFor_IsTheOneFitted_EvenWhereTheBacktestWouldChooseAnother(ForecastModel asked, ModelChoice read, FittedModel fitted)
    {
        var random = new Random(5);
        double[] history = [.. Flat(random, 60, 100), .. Flat(random, 16, 160)];

        var request = PredictionRequest.Read(new PredictRebalancingNeedsRequest { Model = asked });

        Assert.Equal((read, asked), (request.Model, request.ContractModel));
        Assert.Equal(fitted, Forecaster.Forecast(history, Horizon, request.Model, period: 0).Model);
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(20, 11)]
    public void WhenTheHorizonLeavesNoOriginAfterHalfTheSeries_HoltIsFittedAsBefore(int count, int horizon)
    {
        var history = SyntheticSeries.Make(new Random(2), 0, count, 100, 1, 0, 0, 1);

        Assert.Empty(BacktestSelection.Choose(history, horizon, 0).Scores);
        Assert.Equal(FittedModel.Holt, Forecaster.Forecast(history, horizon, ModelChoice.Auto, period: 0).Model);
    }

    [Fact]
    public void UnderLoadShiftingInSteps_TheChoiceBeatsHolt_AndIsWithinOnePercentOfTheLastValue()
    {
        // Like bench/rebalancing: a Zipf law over 16 domains whose ranks rotate every phase (12 buckets), with 5% noise;
        // one domain's series, forecast 6 buckets ahead from every origin of its last 150 buckets. Nothing here beats the
        // last value by much (what follows a step is the new level), so the choice must stay close to it and not lag like Holt.
        var random = new Random(11);
        var series = new double[300];
        for (var t = 0; t < series.Length; t++)
        {
            var rank = ((t / 12 * 5) % 16) + 1;
            var rate = 400 / (rank * Harmonic16);
            series[t] = rate * (1 + (0.05 * SyntheticSeries.Gaussian(random)));
        }

        var (chosen, naive, holt) = (new List<double>(), new List<double>(), new List<double>());
        for (var origin = 150; origin + 6 <= series.Length; origin++)
        {
            var history = series[(origin - 120)..origin];
            var actual = series[origin..(origin + 6)];
            chosen.Add(Mape(Forecaster.Forecast(history, 6, ModelChoice.Auto, 0).Mean, actual));
            naive.Add(Mape(Enumerable.Repeat(history[^1], 6).ToList(), actual));
            holt.Add(Mape(Forecaster.Forecast(history, 6, ModelChoice.Holt, 0).Mean, actual));
        }

        output.WriteLine($"stepping load, 6 ahead over {chosen.Count} origins: chosen MAPE {chosen.Average():0.00}%, naive {naive.Average():0.00}%, Holt {holt.Average():0.00}%");
        Assert.True(chosen.Average() < holt.Average(), $"chosen {chosen.Average():0.00}% against Holt {holt.Average():0.00}%");
        Assert.True(chosen.Average() <= naive.Average() * 1.01, $"chosen {chosen.Average():0.00}% against naive {naive.Average():0.00}%");
    }

    [Fact]
    public void NaiveIntervals_CoverAboutEightyPercent_OnARandomWalk()
    {
        const int Trials = 300;
        var (share1, share5) = SyntheticSeries.IntervalCoverage(new Random(3), Trials, RandomWalk, s => Forecaster.Forecast(s, 5, ModelChoice.Naive, period: 0));

        output.WriteLine($"naive 80% intervals over {Trials} random walks: {share1:P1} covered one step ahead, {share5:P1} five steps ahead");
        Assert.True(share1 is >= 0.7 and <= 0.9, $"one step ahead: {share1:P1} covered");
        Assert.True(share5 is >= 0.7 and <= 0.9, $"five steps ahead: {share5:P1} covered");
    }

    private static void ChosenAndBetterThanTheLastValue(double[] history, double[] future, int period, FittedModel expected)
    {
        var chosen = Forecaster.Forecast(history, future.Length, ModelChoice.Auto, period);

        Assert.Equal(expected, chosen.Model);
        var mae = SyntheticSeries.MeanAbsoluteError(chosen.Mean, future);
        var naive = SyntheticSeries.MeanAbsoluteError(Enumerable.Repeat(history[^1], future.Length).ToList(), future);
        Assert.True(mae < naive / 3, $"chosen MAE {mae:0.00} against naive {naive:0.00}");
    }

    private static double[] RandomWalk(Random random)
    {
        var series = new double[125];
        series[0] = 100;
        for (var t = 1; t < series.Length; t++)
        {
            series[t] = series[t - 1] + SyntheticSeries.Gaussian(random);
        }

        return series;
    }

    private static double[] Flat(Random random, int count, double level) =>
        [.. Enumerable.Range(0, count).Select(_ => level + SyntheticSeries.Gaussian(random))];

    private static double Mape(IReadOnlyList<double> forecast, IReadOnlyList<double> actual) =>
        forecast.Zip(actual).Average(p => Math.Abs(p.First - p.Second) / Math.Abs(p.Second)) * 100;
}
