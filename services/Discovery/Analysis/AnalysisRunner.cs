using System.Diagnostics;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Clustering;
using MultiCluster.Discovery.Domains;
using MultiCluster.Discovery.Sampling;
using MultiCluster.Discovery.Storage;
using MultiCluster.Discovery.Watching;
using Distance = MultiCluster.Contracts.V1.Distance;

namespace MultiCluster.Discovery.Analysis;

/// <summary>
/// Runs one analysis through its phases — sampling, clustering, scoring, storing, publishing — reporting progress to
/// the operation as it goes. The map, its patterns, its "domains.discovered" event and the history row's final state
/// are written in one transaction at the end: a run cancelled or failed before that leaves nothing of its result.
/// </summary>
public sealed partial class AnalysisRunner(DiscoveryStore store, IClusterRegistry clusters, ThresholdsProvider thresholds, MapPublicationSignal published, DiscoveryMetrics metrics, TimeProvider time, ILogger<AnalysisRunner> logger)
{
    public async Task RunAsync(AnalysisOperation operation, AnalysisJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(job);
        var clock = Stopwatch.StartNew();
        var report = new ProgressReporter(operation, time, clock);
        var strategyName = StrategyCatalog.Name(job.Settings.Strategy);
        long sampled = 0;
        double clusteringMs = 0;
        try
        {
            report.Phase(AnalysisPhase.Sampling, 0, job.Library.Shape.TotalPoints, "points", $"sampling up to {job.Settings.SampleSize} points of {job.Library.Name}");
            var sample = job.Inline ?? await LibrarySampler.SampleAsync(
                job.Library, job.Settings.SampleSize, job.Settings.Seed, new SamplingReporter(report), cancellationToken);
            sampled = sample.Count;
            if (sample.Count == 0)
            {
                throw new DiscoveryConflictException($"library: {job.Library.Name} has no points to analyse; write points to it first.");
            }

            var distance = job.Library.Shape.Distance;
            var prepared = sample.Prepare(distance);
            var previous = await store.GetLatestAsync(job.Library.Name, publishedOnly: true, cancellationToken);

            report.Phase(AnalysisPhase.Clustering, 0, 0, "", $"clustering {sample.Count} points with {strategyName}");
            var strategy = StrategyCatalog.Create(job.Settings.Strategy);
            var options = WithPrevious(job.Settings.Options, previous, distance);
            var clusteringClock = Stopwatch.StartNew();
            var result = await Task.Run(() => strategy.Cluster(prepared.Vectors, options, new ClusteringReporter(report), cancellationToken), cancellationToken);
            clusteringMs = clusteringClock.Elapsed.TotalMilliseconds;
            report.DomainCount(result.ClusterCount);

            report.Phase(AnalysisPhase.Scoring, 0, 1, "maps", $"describing {result.ClusterCount} domains");
            var resolvedThresholds = await thresholds.EffectiveAsync(job.Library.Name, cancellationToken);
            var shape = job.Library.Shape with { TotalPoints = Math.Max(job.Library.Shape.TotalPoints, sample.Count) };
            var buildOptions = new DomainBuildOptions(job.Settings.KeywordFields, clusters.Current.Options, job.Settings.Seed)
            {
                DriftDistance = resolvedThresholds.DriftDistance,
                RetiredDomainIds = await store.DomainIdsAsync(job.Library.Name, cancellationToken),
            };
            var built = await Task.Run(() => DomainMapBuilder.Build(shape, prepared, result, previous, buildOptions), cancellationToken);
            // Domains below min_domain_points fold into their nearest neighbour before the gates judge the map.
            var map = DomainMapRefiner.MergeSmall(built, resolvedThresholds);
            map.Strategy = job.Settings.Strategy;
            map.AnalysisOperationId = operation.Id;
            map.Settings = job.Settings.Effective;
            DomainMapBuilder.Stamp(map, time.GetUtcNow());

            if (job.DryRun)
            {
                var summary = $"dry run: {map.Domains.Count} domains, silhouette {map.SilhouetteScore:0.000}; nothing stored or published";
                await store.FinishAsync(Completion(operation, OperationState.Succeeded, summary, 0, map, false, clock, clusteringMs), cancellationToken);
                report.Finish(OperationState.Succeeded, summary, 0, map.Domains.Count, map.SilhouetteScore, null);
                return;
            }

            report.Phase(AnalysisPhase.Storing, 0, 1, "maps", "storing the map");
            map.Version = await store.NextVersionAsync(job.Library.Name, cancellationToken);
            map.PreviousVersion = previous?.Version ?? 0;
            var failures = ThresholdPolicy.Failures(map, resolvedThresholds);
            map.Published = failures.Count == 0;
            var patterns = previous is null ? [] : PatternDetector.Compare(previous, map, resolvedThresholds);
            var message = map.Published
                ? $"published version {map.Version} of {map.Library}: {map.Domains.Count} domains, silhouette {map.SilhouetteScore:0.000}"
                : $"stored version {map.Version} of {map.Library} unpublished, below the thresholds: {string.Join("; ", failures)}";
            await store.StoreMapAsync(
                map, patterns, map.Published ? DiscoveredEvent(map, patterns) : null,
                Completion(operation, OperationState.Succeeded, message, map.Version, map, map.Published, clock, clusteringMs), cancellationToken);

            report.Phase(AnalysisPhase.Publishing, 0, 1, "maps", map.Published ? "announcing the new map" : "map kept unpublished");
            published.Notify();
            if (map.Published)
            {
                metrics.Published(map.Domains.Count);
            }
            report.Finish(OperationState.Succeeded, message, map.Version, map.Domains.Count, map.SilhouetteScore, null);
            LogFinished(operation.Id, map.Library, map.Version, map.Published, clock.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            const string message = "cancelled: the service is shutting down; nothing of this analysis was stored";
            await RecordAsync(new AnalysisCompletion(operation.Id, OperationState.Cancelled, message, SampledPoints: sampled, DurationMs: clock.Elapsed.TotalMilliseconds,
                Error: new OperationError { Code = "CANCELLED", Message = message, Retryable = true }));
            report.Finish(OperationState.Cancelled, message, 0, 0, 0, null);
        }
        catch (Exception e)
        {
            var error = AnalysisFailure.Describe(e);
            if (error.Code == "INTERNAL")
            {
                LogUnexpected(e, operation.Id, operation.Library);
            }

            var message = $"failed: {error.Message}";
            await RecordAsync(new AnalysisCompletion(operation.Id, OperationState.Failed, message, SampledPoints: sampled,
                DurationMs: clock.Elapsed.TotalMilliseconds, ClusteringMs: clusteringMs, Error: error));
            report.Finish(OperationState.Failed, message, 0, 0, 0, error);
        }
    }

    private static StrategyOptions WithPrevious(StrategyOptions options, DomainMap? previous, Distance distance)
    {
        if (options is not StreamingOptions streaming || previous is null || previous.Domains.Count == 0 || previous.Domains.Any(d => d.Centroid.Count != previous.Dimension))
        {
            return options;
        }

        var centroids = VectorSet.FromRows(previous.Domains.Select(d => d.Centroid.ToArray()).ToList(), (int)previous.Dimension);
        var weights = previous.Domains.Select(d => (double)d.PointCount).ToArray();
        return streaming with { Previous = new StreamingModel(VectorSpace.Prepare(centroids, distance), weights) };
    }

    private static DomainsDiscoveredEvent DiscoveredEvent(DomainMap map, IReadOnlyList<DetectedPattern> patterns)
    {
        var message = new DomainsDiscoveredEvent
        {
            Library = map.Library,
            MapVersion = map.Version,
            PreviousVersion = map.PreviousVersion,
            Strategy = map.Strategy,
            AnalysisOperationId = map.AnalysisOperationId,
            TotalPoints = map.TotalPoints,
            SilhouetteScore = map.SilhouetteScore,
        };
        message.Domains.AddRange(map.Domains.Select(d =>
        {
            var light = d.Clone();
            light.Centroid.Clear();
            return light;
        }));
        message.Patterns.AddRange(patterns);
        return message;
    }

    private static AnalysisCompletion Completion(AnalysisOperation operation, OperationState state, string message, ulong version, DomainMap map, bool isPublished, Stopwatch clock, double clusteringMs) =>
        new(operation.Id, state, message, version, map.Domains.Count, (long)map.SampledPoints, map.SilhouetteScore, isPublished, clock.Elapsed.TotalMilliseconds, clusteringMs);

    // The outcome is recorded even while the service stops: a bounded write of its own, not the cancelled run's token.
    private async Task RecordAsync(AnalysisCompletion completion)
    {
        try
        {
            using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await store.FinishAsync(completion, budget.Token);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            // The history row stays RUNNING; the next start marks it FAILED (MarkInterruptedAsync).
            LogNotRecorded(completion.OperationId, e.Message);
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Analysis {OperationId} of {Library} stored version {Version} (published: {Published}) in {ElapsedMs:0} ms")]
    private partial void LogFinished(string operationId, string library, ulong version, bool published, double elapsedMs);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Analysis {OperationId} of {Library} failed unexpectedly")]
    private partial void LogUnexpected(Exception exception, string operationId, string library);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "The final state of analysis {OperationId} was not recorded: {Reason}")]
    private partial void LogNotRecorded(string operationId, string reason);
}
