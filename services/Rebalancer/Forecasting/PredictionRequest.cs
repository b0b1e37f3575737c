using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Grpc;

namespace MultiCluster.Rebalancer.Forecasting;

/// <summary>
/// PredictRebalancingNeeds' request read and checked on its own (the history's limits are checked by <see cref="NeedsPredictor"/>).
/// <see cref="ContractModel"/> is the model asked for, unspecified for the service's choice (<see cref="ModelChoice.Auto"/>).
/// </summary>
public sealed record PredictionRequest(TimeSpan Horizon, TimeSpan? Step, ModelChoice Model, ForecastModel ContractModel)
{
    public static readonly TimeSpan MaxHorizon = TimeSpan.FromDays(30);

    public static PredictionRequest Read(PredictRebalancingNeedsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var horizon = RequestTime.ReadDuration(request.Horizon, "horizon", out var problem) ?? TimeSpan.FromHours(24);
        Check(problem);
        if (horizon <= TimeSpan.Zero || horizon > MaxHorizon)
        {
            throw RebalancerException.Invalid($"horizon: {horizon} is out of range; ask for more than zero and at most 30 days, or leave it unset for 24 hours.");
        }

        var step = RequestTime.ReadDuration(request.Step, "step", out problem);
        Check(problem);
        if (step is { } s && (s <= TimeSpan.Zero || s > horizon))
        {
            throw RebalancerException.Invalid($"step: {s} is out of range; give more than zero and at most the horizon ({horizon}), or leave it unset for horizon / 24.");
        }

        var model = request.Model switch
        {
            ForecastModel.Unspecified => ModelChoice.Auto,
            ForecastModel.Holt => ModelChoice.Holt,
            ForecastModel.Ewma => ModelChoice.Ewma,
            ForecastModel.Linear => ModelChoice.Linear,
            ForecastModel.Naive => ModelChoice.Naive,
            _ => throw RebalancerException.Invalid($"model: {(int)request.Model} is not a forecast model; use FORECAST_MODEL_HOLT, _EWMA, _LINEAR or _NAIVE, or leave it unset for the service's choice per series."),
        };
        return new PredictionRequest(horizon, step, model, request.Model);
    }

    private static void Check(string? problem)
    {
        if (problem is not null)
        {
            throw RebalancerException.Invalid(problem);
        }
    }
}
