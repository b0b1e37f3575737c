using MultiCluster.Clusters;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging;
using MultiCluster.Orchestrator.Fusion;

namespace MultiCluster.Orchestrator.Metrics;

/// <summary>
/// Replays sampled searches exhaustively, one at a time: records each one's recall@10, and when a library's recent
/// live recall (the last <see cref="DriftSamples"/> replays) falls more than AccuracyDrop below the recall its
/// routing was calibrated to (its held-out recall, else the recall target), publishes
/// "domains.reanalysis_requested" at most once per <see cref="Cooldown"/>. The same replays, with the lists each
/// search fused, train ML_BASED fusion every <see cref="TrainingBatch"/> samples.
/// </summary>
public sealed partial class LiveRecallReplayer(
    LiveRecall liveRecall,
    IExhaustiveSearch exhaustive,
    IRoutingCalibrations calibrations,
    IEventPublisher publisher,
    FusionModelStore models,
    OrchestratorOptions options,
    TimeProvider time,
    ILogger<LiveRecallReplayer> logger) : BackgroundService
{
    public const int DriftSamples = 20;
    public const int TrainingBatch = 100;
    public static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ReplayBudget = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, Queue<double>> _recent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastRequested = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<FusionTrainingSample>> _training = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var sample in liveRecall.Queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ReplayAsync(sample, stoppingToken);
            }
            catch (Exception e) when (e is VectorClusterException or OrchestratorException or Npgsql.NpgsqlException or TimeoutException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                LogReplayFailed(sample.Library, e.Message);
            }
        }
    }

    private async Task ReplayAsync(LiveRecallSample sample, CancellationToken stoppingToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        budget.CancelAfter(ReplayBudget);
        var truth = await exhaustive.TopIdsAsync(sample.Library, sample.Vector, sample.Filter, LiveRecall.RecallK, budget.Token);
        var recall = RankingQuality.RecallAtK(sample.RoutedIds, truth, LiveRecall.RecallK);
        liveRecall.Record(sample.Library, recall);
        await CheckDriftAsync(sample.Library, recall, stoppingToken);
        if (sample.Lists.Count > 0)
        {
            await LearnAsync(sample, truth, stoppingToken);
        }
    }

    private async Task CheckDriftAsync(string library, double recall, CancellationToken cancellationToken)
    {
        if (!_recent.TryGetValue(library, out var recent))
        {
            _recent[library] = recent = new Queue<double>();
        }

        recent.Enqueue(recall);
        if (recent.Count > DriftSamples)
        {
            recent.Dequeue();
        }

        var calibration = calibrations.Current(library).FirstOrDefault(c => c.Library == library);
        var expected = calibration is { HeldOutQueries: > 0 } ? calibration.HeldOutRecall : options.RecallTarget;
        var observed = recent.Average();
        var now = time.GetUtcNow();
        if (recent.Count < DriftSamples || observed >= expected - options.AccuracyDrop
            || (_lastRequested.TryGetValue(library, out var last) && now - last < Cooldown))
        {
            return;
        }

        _lastRequested[library] = now;
        await publisher.PublishAsync(Topics.ReanalysisRequested, new ReanalysisRequestedEvent
        {
            Library = library,
            Reason = $"routing recall@10 fell to {observed:F3} over the last {recent.Count} sampled searches (calibrated {expected:F3}, allowed drop {options.AccuracyDrop:F2})",
            RequestedBy = "orchestrator",
            ObservedRecall = observed,
            MapVersion = calibration?.DomainMapVersion ?? 0,
        }, cancellationToken);
        LogReanalysisRequested(library, observed, expected);
    }

    private async Task LearnAsync(LiveRecallSample sample, IReadOnlyList<string> truth, CancellationToken cancellationToken)
    {
        if (!_training.TryGetValue(sample.Library, out var samples))
        {
            _training[sample.Library] = samples = [];
        }

        samples.Add(new FusionTrainingSample(sample.Lists, truth));
        if (samples.Count < TrainingBatch)
        {
            return;
        }

        _training.Remove(sample.Library);
        if (FusionModelTrainer.Train(samples, time.GetUtcNow()) is { } model)
        {
            await models.SaveAsync(sample.Library, model, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 5311, Level = LogLevel.Warning, Message = "Replaying a sampled search of {Library} exhaustively failed ({Reason}); sample skipped")]
    private partial void LogReplayFailed(string library, string reason);

    [LoggerMessage(EventId = 5312, Level = LogLevel.Warning, Message = "Live recall of {Library} fell to {Observed:F3} (calibrated {Expected:F3}); asked Discovery for a new analysis")]
    private partial void LogReanalysisRequested(string library, double observed, double expected);
}
