using System.Globalization;
using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Analysis;
using MultiCluster.Rebalancer.Execution;
using MultiCluster.Rebalancer.Forecasting;
using MultiCluster.Rebalancer.Storage;
using Npgsql;

namespace MultiCluster.Rebalancer.Planning;

/// <summary>
/// The auto mode. Every evaluation_interval (while enabled): a threshold exceeded now (or, with use_predictions, a
/// breach forecast within the plan horizon) is noted durably with the time it began; once it has lasted the
/// thresholds' sustain_duration, the global cooldown has passed, nothing runs and the window is open, it plans and
/// starts the run (trigger THRESHOLD, or PREDICTED when only the forecast breached), or in plan_only mode keeps the
/// plan (auto_plans) and logs it. Calm clears the breach, so a breach that comes and goes never acts.
/// </summary>
public sealed partial class AutoRebalancer(
    AutoSettingsStore store, ThresholdStore thresholds, LoadDistribution distribution, NeedsPredictor predictor, RebalancingGate gate,
    PlanMaker planner, RebalancingRuns runs, IClusterRegistry registry, PlanningOptions planning, TimeProvider time, ILogger<AutoRebalancer> logger) : BackgroundService
{
    /// <summary>How often a disabled mode rereads its settings (another instance may have enabled it).</summary>
    private static readonly TimeSpan IdleRecheck = TimeSpan.FromSeconds(5);

    private long _dueTicks;

    /// <summary>The settings just stored here take effect now: the next evaluation is one interval away.</summary>
    public DateTimeOffset? Reschedule(AutoRebalancingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var now = time.GetUtcNow();
        var next = now + settings.EvaluationInterval.ToTimeSpan();
        Interlocked.Exchange(ref _dueTicks, (settings.Enabled ? next : now + IdleRecheck).UtcTicks);
        return settings.Enabled ? next : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Interlocked.Exchange(ref _dueTicks, time.GetUtcNow().UtcTicks);
        using var timer = new PeriodicTimer(planning.AutoTick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var due = Interlocked.Read(ref _dueTicks);
            if (time.GetUtcNow().UtcTicks < due)
            {
                continue;
            }

            var next = IdleRecheck;
            try
            {
                var settings = await store.CurrentAsync(stoppingToken);
                if (settings.Enabled)
                {
                    next = settings.EvaluationInterval.ToTimeSpan();
                    await EvaluateAsync(settings, stoppingToken);
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or RebalancerException or VectorClusterException or RpcException)
            {
                LogEvaluationFailed(e.Message);
            }

            // A Reschedule during the pass wins: it moved the due time past the one this pass started from.
            Interlocked.CompareExchange(ref _dueTicks, (time.GetUtcNow() + next).UtcTicks, due);
        }
    }

    private async Task EvaluateAsync(AutoRebalancingSettings settings, CancellationToken cancellationToken)
    {
        var limits = await thresholds.CurrentAsync(cancellationToken);
        var analysis = await distribution.AnalyzeAsync("", cancellationToken);
        var trigger = RebalancingGate.Calm(analysis, limits) is null ? RebalancingTrigger.Threshold
            : settings.UsePredictions && await ForecastBreachAsync(cancellationToken) ? RebalancingTrigger.Predicted
            : RebalancingTrigger.Unspecified;
        if (trigger == RebalancingTrigger.Unspecified)
        {
            await store.ClearBreachAsync(cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        var since = await store.MarkBreachAsync(trigger.ToString(), now, cancellationToken);
        var sustain = limits.SustainDuration.ToTimeSpan();
        if (now - since < sustain)
        {
            LogSustaining(trigger, since, sustain);
            return;
        }

        var constraints = PlanConstraints.Read(settings.Constraints, "settings.constraints", [.. registry.Current.Options.Select(o => o.Name)]);
        var waiting = await gate.CoolingAsync(limits, settings.PlanOnly ? await store.LastPlanAtAsync(cancellationToken) : null, cancellationToken)
            ?? (await runs.RunningAsync(cancellationToken) is { } running ? $"rebalancing {running} is running" : null)
            ?? constraints.Closed(now);
        if (waiting is not null)
        {
            LogWaiting(waiting);
            return;
        }

        var plan = await planner.PlanAsync("", RebalancingType.Hybrid, (int)limits.MaxMovesPerRun, constraints, new RebalancingTargets(), cancellationToken);
        var reason = Reason(trigger, since, sustain, analysis);
        if (plan.Moves.Count == 0)
        {
            LogNothingToMove(reason, plan.Explanation);
            return;
        }

        if (settings.PlanOnly)
        {
            await store.RecordPlanAsync(trigger, reason, plan, now, cancellationToken);
            LogPlanned(plan.Moves.Count, reason, plan.Explanation);
            return;
        }

        var started = await runs.StartAsync(new RunStart(trigger, reason, plan, null, "auto-" + now.ToString("O", CultureInfo.InvariantCulture)), cancellationToken);
        await store.ClearBreachAsync(cancellationToken);
        LogStarted(started.OperationId, plan.Moves.Count, reason);
    }

    /// <summary>True when NeedsPredictor forecasts a breach within the plan horizon; false when the history is too short to say.</summary>
    private async Task<bool> ForecastBreachAsync(CancellationToken cancellationToken)
    {
        try
        {
            var request = new PredictionRequest(planning.PlanHorizon, null, ModelChoice.Auto, ForecastModel.Unspecified);
            return (await predictor.PredictAsync(request, cancellationToken)).RebalancingRecommended;
        }
        catch (RebalancerException e) when (e.Kind == FailureKind.InvalidArgument)
        {
            return false;
        }
    }

    private static string Reason(RebalancingTrigger trigger, DateTimeOffset since, TimeSpan sustain, AnalyzeLoadDistributionResponse analysis) =>
        trigger == RebalancingTrigger.Predicted
            ? string.Create(CultureInfo.InvariantCulture, $"auto: a breach forecast since {since:O} (sustain {sustain})")
            : string.Create(CultureInfo.InvariantCulture, $"auto: {string.Join("; ", analysis.Violations.Select(v => v.Message))} (since {since:O}, sustain {sustain})");

    [LoggerMessage(EventId = 1411, Level = LogLevel.Warning, Message = "Auto rebalancing evaluation failed, tried again at the next one: {Reason}")]
    private partial void LogEvaluationFailed(string reason);

    [LoggerMessage(EventId = 1412, Level = LogLevel.Information, Message = "Auto rebalancing: {Trigger} breach since {Since}, waiting for it to last {Sustain}")]
    private partial void LogSustaining(RebalancingTrigger trigger, DateTimeOffset since, TimeSpan sustain);

    [LoggerMessage(EventId = 1413, Level = LogLevel.Information, Message = "Auto rebalancing waits: {Why}")]
    private partial void LogWaiting(string why);

    [LoggerMessage(EventId = 1414, Level = LogLevel.Information, Message = "Auto rebalancing found nothing to move ({Reason}): {Explanation}")]
    private partial void LogNothingToMove(string reason, string explanation);

    [LoggerMessage(EventId = 1415, Level = LogLevel.Information, Message = "Auto rebalancing planned {Moves} move(s), plan only, kept in auto_plans ({Reason}): {Explanation}")]
    private partial void LogPlanned(int moves, string reason, string explanation);

    [LoggerMessage(EventId = 1416, Level = LogLevel.Information, Message = "Auto rebalancing started {OperationId} with {Moves} move(s) ({Reason})")]
    private partial void LogStarted(string operationId, int moves, string reason);
}
