using System.Collections.Concurrent;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Libraries;
using MultiCluster.Discovery.Storage;

namespace MultiCluster.Discovery.Analysis;

/// <summary>
/// Accepts analyses and runs them on the thread pool: one per library at a time (a unique index on the history makes
/// that hold across replicas), the same request id answered with the first operation, every run cancelled when the
/// service stops. At start it marks analyses a previous process left running as failed, since nothing of them was
/// stored.
/// </summary>
public sealed partial class AnalysisCoordinator(
    DiscoveryStore store,
    LibraryCatalog catalog,
    AnalysisRunner runner,
    DiscoveryOptions options,
    TimeProvider time,
    ILogger<AnalysisCoordinator> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, AnalysisOperation> _operations = new(StringComparer.Ordinal);

    /// <summary>Starts an analysis, or returns the one an earlier request with the same request id started.</summary>
    /// <exception cref="DiscoveryNotFoundException">The library does not exist.</exception>
    /// <exception cref="DiscoveryRequestException">A setting or point is outside what is accepted.</exception>
    /// <exception cref="DiscoveryConflictException">An analysis of the library is running.</exception>
    public async Task<WatchAnalysisResponse> StartAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestId is { Length: > 0 } requestId && await store.FindByRequestIdAsync(requestId, cancellationToken) is { } earlier)
        {
            return Snapshot(earlier);
        }

        var library = await catalog.GetAsync(request.Library, "library", cancellationToken);
        var inline = request.Points.Count > 0 ? InlinePoints.ToSample(request.Points, library.Name, library.Shape.Dimension) : null;
        if (inline is null && library.Shape.TotalPoints == 0)
        {
            throw new DiscoveryConflictException($"library: '{library.Name}' has no points; write points to it before analysing it.");
        }

        var configured = await store.GetSettingsAsync(library.Name, cancellationToken) ?? await store.GetSettingsAsync("", cancellationToken);
        var settings = AnalysisSettingsResolver.Resolve(request.Settings, configured, library.Shape.Distance, options.MaxSampleSize);
        var rows = inline?.Count ?? (int)Math.Min(settings.SampleSize, library.Shape.TotalPoints);
        ThrowIfMoreDomainsThanRows(settings, request.Settings, rows);
        if (_operations.Values.FirstOrDefault(o => o.Library == library.Name && !o.IsTerminal) is { } running)
        {
            throw Running(running.Id, library.Name);
        }

        var operation = new AnalysisOperation(Guid.NewGuid().ToString(), library.Name, Microseconds(time.GetUtcNow()));
        var start = new AnalysisStart(operation.Id, library.Name, NullIfEmpty(request.RequestId), request.Trigger, request.DryRun, settings.Effective, settings.Seed, operation.CreatedAt);
        if (await store.InsertAnalysisAsync(start, cancellationToken) is { } blocking)
        {
            return blocking.RequestId is not null && blocking.RequestId == start.RequestId ? Snapshot(blocking) : throw Running(blocking.Record.OperationId, library.Name);
        }

        _operations[operation.Id] = operation;
        var job = new AnalysisJob(library, settings, inline, request.DryRun);
        operation.Completion = Task.Run(() => RunAsync(operation, job), CancellationToken.None);
        LogStarted(operation.Id, library.Name, settings.Strategy, request.Trigger);
        return operation.Read().Snapshot;
    }

    /// <summary>The operation's snapshots from now until its terminal one, written through <paramref name="write"/>.</summary>
    /// <exception cref="DiscoveryNotFoundException">No such operation.</exception>
    public async Task WatchAsync(string operationId, Func<WatchAnalysisResponse, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (_operations.TryGetValue(operationId, out var operation))
        {
            var phasesSent = 0;
            while (true)
            {
                var (snapshot, changed, phaseStarts) = operation.Read();
                for (; phasesSent < phaseStarts.Count; phasesSent++)
                {
                    // The snapshot about to be sent stands for the phase it is in.
                    var isCurrent = phasesSent == phaseStarts.Count - 1 && !snapshot.Progress.Terminal;
                    if (!isCurrent)
                    {
                        await write(phaseStarts[phasesSent]);
                    }
                }

                await write(snapshot);
                if (snapshot.Progress.Terminal)
                {
                    return;
                }

                await changed.WaitAsync(cancellationToken);
            }
        }

        // Run by another replica, or finished before this process started: the history row is the truth.
        var row = await store.GetAnalysisAsync(operationId, cancellationToken)
            ?? throw new DiscoveryNotFoundException($"operation_id: no analysis operation {LibraryName.Quote(operationId)}; pass an operation_id that AnalyzeDomains returned.");
        await write(Snapshot(row));
        while (!row.IsTerminal)
        {
            await Task.Delay(options.WatchPollInterval, time, cancellationToken);
            var next = await store.GetAnalysisAsync(operationId, cancellationToken);
            if (next is null)
            {
                return;
            }

            if (next.Record.State != row.Record.State || next.IsTerminal)
            {
                await write(Snapshot(next));
            }

            row = next;
        }
    }

    /// <summary>Whether an analysis of the library runs in this process.</summary>
    public bool IsRunning(string library) => _operations.Values.Any(o => o.Library == library && !o.IsTerminal);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var interrupted = await store.MarkInterruptedAsync(cancellationToken);
        if (interrupted > 0)
        {
            LogInterrupted(interrupted);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => CancelAsync(_operations.Values.Where(o => !o.IsTerminal).ToList(), cancellationToken);

    /// <summary>Cancels this process's analyses of the library that started before <paramref name="before"/> and waits until they end.</summary>
    public Task CancelStartedBeforeAsync(string library, DateTimeOffset before, CancellationToken cancellationToken) =>
        CancelAsync(_operations.Values.Where(o => o.Library == library && o.CreatedAt <= before && !o.IsTerminal).ToList(), cancellationToken);

    /// <summary>A snapshot built from a history row, for operations no longer (or never) in this process.</summary>
    public static WatchAnalysisResponse Snapshot(AnalysisRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var record = row.Record;
        var progress = new OperationProgress
        {
            OperationId = record.OperationId,
            Kind = OperationKind.Analysis,
            State = record.State,
            Library = record.Library,
            Message = row.Message,
            Terminal = row.IsTerminal,
            Error = record.Error,
            CreatedAt = record.StartedAt,
            UpdatedAt = record.FinishedAt ?? record.StartedAt,
            FinishedAt = record.FinishedAt,
            Percent = record.State == OperationState.Succeeded ? 100 : 0,
            Phase = record.State == OperationState.Succeeded ? AnalysisPhase.Publishing.Name : "",
        };
        return new WatchAnalysisResponse { Progress = progress, MapVersion = record.MapVersion, DomainCount = record.DomainCount, SilhouetteScore = record.SilhouetteScore };
    }

    private async Task RunAsync(AnalysisOperation operation, AnalysisJob job)
    {
        try
        {
            await runner.RunAsync(operation, job, operation.Cancellation.Token);
        }
        finally
        {
            // Live progress stays a while for late watchers; after that the history answers them.
            _ = Task.Delay(options.FinishedOperationRetention, time, CancellationToken.None)
                .ContinueWith(_ => _operations.TryRemove(operation.Id, out var _), TaskScheduler.Default);
        }
    }

    private static async Task CancelAsync(IReadOnlyList<AnalysisOperation> running, CancellationToken cancellationToken)
    {
        foreach (var operation in running)
        {
            await operation.Cancellation.CancelAsync();
        }

        // Each run records its cancellation before it ends; the caller's budget (the host's shutdown one) bounds the wait.
        await Task.WhenAll(running.Select(o => o.Completion)).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static void ThrowIfMoreDomainsThanRows(ResolvedAnalysis settings, AnalysisSettings? asked, int rows)
    {
        if (settings.Options is Clustering.KMeansOptions { K: > 0 } kmeans && kmeans.K > rows)
        {
            throw new DiscoveryRequestException(
                $"settings.parameters.kmeans.k: {kmeans.K} domains cannot be made of the {rows} points to analyse; use 1..{rows}, or 0 to choose k.");
        }

        if (asked?.Parameters?.Hybrid is { CoarseK: > 0 } hybrid && hybrid.CoarseK > rows)
        {
            throw new DiscoveryRequestException(
                $"settings.parameters.hybrid.coarse_k: {hybrid.CoarseK} micro-clusters cannot be made of the {rows} points to analyse; use 1..{rows}, or 0.");
        }
    }

    private static DiscoveryConflictException Running(string operationId, string library) =>
        new($"library: analysis {operationId} of '{library}' is still running; one analysis per library runs at a time. Follow it with WatchAnalysis and try again when it ends.");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // PostgreSQL keeps microseconds: the time kept in memory is the one the history (and its page tokens) will hold.
    private static DateTimeOffset Microseconds(DateTimeOffset value) => new(value.Ticks - (value.Ticks % 10), value.Offset);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Analysis {OperationId} of {Library} started ({Strategy}, {Trigger})")]
    private partial void LogStarted(string operationId, string library, AnalysisStrategy strategy, string trigger);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "{Count} analyses left running by a previous process were marked failed")]
    private partial void LogInterrupted(int count);
}
