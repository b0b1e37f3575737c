using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Analysis;
using MultiCluster.Rebalancer.Execution;
using MultiCluster.Rebalancer.Forecasting;
using MultiCluster.Rebalancer.Planning;
using MultiCluster.Rebalancer.Storage;
using MultiCluster.Rebalancer.Thresholds;
using MultiCluster.ServiceDefaults.Grpc;

namespace MultiCluster.Rebalancer.Grpc;

/// <summary>
/// The Rebalancer gRPC endpoint: reads requests, hands them to the logic, maps its refusals to statuses. Built:
/// analysis, forecasting, accuracy, thresholds, metrics, execution (ExecuteAdaptiveMigration, GetRebalancingHistory,
/// WatchRebalancing), planning (TriggerRebalancing) and the auto mode (EnableAutoRebalancing): every RPC of the contract.
/// </summary>
public sealed class RebalancerService(
    LoadDistribution distribution, NeedsPredictor predictor, AccuracyScorer accuracy, ThresholdStore thresholds, ThresholdRules rules, MetricsReader metrics,
    AdaptiveMigrations migrations, RebalancingHistory history, RunWatcher watcher, ManualRebalancing manual, AutoMode auto)
    : MultiCluster.Contracts.V1.RebalancerService.RebalancerServiceBase
{
    public override Task<TriggerRebalancingResponse> TriggerRebalancing(TriggerRebalancingRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => manual.TriggerAsync(request, context.CancellationToken));

    public override Task<EnableAutoRebalancingResponse> EnableAutoRebalancing(EnableAutoRebalancingRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => auto.EnableAsync(request, context.CancellationToken));

    public override Task<AnalyzeLoadDistributionResponse> AnalyzeLoadDistribution(AnalyzeLoadDistributionRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => distribution.AnalyzeAsync(request.Library, context.CancellationToken));

    public override Task<PredictRebalancingNeedsResponse> PredictRebalancingNeeds(PredictRebalancingNeedsRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => predictor.PredictAsync(PredictionRequest.Read(request), context.CancellationToken));

    public override Task<GetPredictionAccuracyResponse> GetPredictionAccuracy(GetPredictionAccuracyRequest request, ServerCallContext context)
    {
        var (from, to) = Range(request.TimeRange);
        return RpcErrors.Answer(() => accuracy.AccuracyAsync(from, to, context.CancellationToken));
    }

    public override Task<SetRebalancingThresholdsResponse> SetRebalancingThresholds(SetRebalancingThresholdsRequest request, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            // Checked before the row lock, so a refusal never waits on it; checked again under it against the stored values.
            rules.Apply(request.Thresholds, request.UpdateMask, rules.Defaults());
            var updated = await thresholds.UpdateAsync(current => rules.Apply(request.Thresholds, request.UpdateMask, current), context.CancellationToken);
            return new SetRebalancingThresholdsResponse { Thresholds = updated };
        });

    public override Task<GetRebalancingMetricsResponse> GetRebalancingMetrics(GetRebalancingMetricsRequest request, ServerCallContext context)
    {
        var (from, to) = Range(request.TimeRange);
        return RpcErrors.Answer(() => metrics.ReadAsync(from, to, context.CancellationToken));
    }

    public override Task<ExecuteAdaptiveMigrationResponse> ExecuteAdaptiveMigration(ExecuteAdaptiveMigrationRequest request, ServerCallContext context) =>
        RpcErrors.Answer(async () => new ExecuteAdaptiveMigrationResponse { OperationId = await migrations.StartAsync(request, context.CancellationToken) });

    public override Task<GetRebalancingHistoryResponse> GetRebalancingHistory(GetRebalancingHistoryRequest request, ServerCallContext context) =>
        RpcErrors.Answer(() => history.PageAsync(request, context.CancellationToken));

    public override Task WatchRebalancing(WatchRebalancingRequest request, IServerStreamWriter<WatchRebalancingResponse> responseStream, ServerCallContext context) =>
        RpcErrors.Answer(async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(responseStream);
            using var window = new WatchWindow(context);
            var snapshots = await watcher.WatchAsync(request.OperationId, window.Token);
            await window.RunAsync(async token =>
            {
                await foreach (var snapshot in snapshots.WithCancellation(token))
                {
                    await responseStream.WriteAsync(snapshot, token);
                }
            });
        });

    private static (DateTimeOffset? From, DateTimeOffset? To) Range(TimeRange? range)
    {
        var read = RequestTime.ReadRange(range, "time_range", out var problem);
        if (problem is not null)
        {
            RpcErrors.InvalidArgument(problem);
        }

        return read;
    }
}
