using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Snapshots;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// Calibrates the adaptive margin of every routed library whose calibration does not match its current map version
/// and recall target, in the background (never in a request's path). It samples points of the library's domains as
/// queries, searches every domain exactly for each (one batch per domain), and lets <see cref="MarginCalibration"/>
/// choose and check the margin; the result is stored and served from memory.
/// </summary>
public sealed partial class RoutingCalibrator(
    RoutingSnapshots snapshots,
    RoutingCalibrations calibrations,
    CalibrationStore store,
    LibraryPolicies policies,
    IClusterRegistry registry,
    UnassignedPresence unassigned,
    TimeProvider time,
    ILogger<RoutingCalibrator> logger) : BackgroundService
{
    /// <summary>Points sampled as queries per calibration (half to choose the margin, half to check it).</summary>
    public const int SampleQueries = 400;

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);
    private readonly Dictionary<(string Library, ulong Version), DateTimeOffset> _attempts = [];
    private TaskCompletionSource _nudge = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Looks again now (a recall target changed) rather than at the next change or interval.</summary>
    public void Nudge() => Interlocked.Exchange(ref _nudge, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await LoadAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = snapshots.Changed.NextAsync();
            var nudged = Volatile.Read(ref _nudge).Task;
            foreach (var snapshot in snapshots.All.Where(s => s.IsRouted))
            {
                await CalibrateIfStaleAsync(snapshot, stoppingToken);
            }

            await Task.WhenAny(changed, nudged, Task.Delay(RetryAfter, time, stoppingToken));
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                foreach (var calibration in await store.AllAsync(cancellationToken))
                {
                    calibrations.Put(calibration);
                }

                return;
            }
            catch (Npgsql.NpgsqlException e)
            {
                LogStoreUnavailable(e.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(attempt, 5))), time, cancellationToken);
            }
        }
    }

    // Any failure of one library's calibration is logged and retried: it must not stop the host or the other libraries.
    private async Task CalibrateIfStaleAsync(LibrarySnapshot snapshot, CancellationToken cancellationToken)
    {
        var library = snapshot.Library.Name;
        var key = (library, snapshot.MapVersion);
        if (_attempts.TryGetValue(key, out var last) && time.GetUtcNow() - last < RetryAfter)
        {
            return;
        }

        try
        {
            var (policy, _) = await policies.GetAsync(library, cancellationToken);
            if (calibrations.MarginFor(library, snapshot.MapVersion, policy.RecallTarget) is not null)
            {
                return;
            }

            if (await unassigned.CountNowAsync(snapshot, cancellationToken))
            {
                // The split of "unassigned" is still filling the domains: a margin calibrated on part of their points
                // would be kept for the whole map version. Looked at again at the next wake (the split's end changes routing).
                return;
            }

            _attempts[key] = time.GetUtcNow();
            var calibration = await CalibrateAsync(snapshot, policy.RecallTarget, cancellationToken);
            if (calibration is null)
            {
                // Nothing to sample yet (empty domains, a move running): look again at the next wake, not after a pause.
                _attempts.Remove(key);
                return;
            }

            await store.PutAsync(calibration, cancellationToken);
            calibrations.Put(calibration);
            LogCalibrated(library, snapshot.MapVersion, calibration.Margin, calibration.HeldOutRecall, calibration.MeanDomainsProbed, calibration.HeldOutQueries);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCalibrationFailed(library, snapshot.MapVersion, e.Message);
        }
    }

    /// <summary>Null when the library cannot be calibrated now (a domain migrating, too few points).</summary>
    public async Task<RoutingCalibration?> CalibrateAsync(LibrarySnapshot snapshot, double recallTarget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var map = snapshot.Map!;
        var entries = snapshot.Table!.Entries.Where(e => e.DomainId != LibraryName.Unassigned).ToList();
        if (entries.Any(e => e.Migrating) || entries.Count == 0)
        {
            return null;
        }

        var queries = await SampleAsync(entries, map, cancellationToken);
        if (queries.Count < 4)
        {
            return null;
        }

        var hits = new Dictionary<string, IReadOnlyList<Clusters.ScoredPoint>[]>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var cluster = registry.GetCluster(entry.ReadClusters.FirstOrDefault()?.Name ?? entry.Primary.Name);
            var requests = queries.Select(q => new Clusters.SearchRequest(q.Vector, MarginCalibration.K + 1, WithPayload: false, Exact: true)).ToList();
            var answers = new List<IReadOnlyList<Clusters.ScoredPoint>>();
            foreach (var chunk in requests.Chunk(100))
            {
                answers.AddRange(await cluster.SearchBatchAsync(entry.CollectionName, chunk, cancellationToken));
            }

            hits[entry.DomainId] = [.. answers];
        }

        var higherIsBetter = snapshot.Library.Distance != Contracts.V1.Distance.Euclid;
        var sample = queries.Select((q, i) => new CalibrationQuery(
            CentroidScores.Rank(map, q.Vector),
            hits.ToDictionary(
                h => h.Key,
                h => (IReadOnlyList<(string, double)>)[.. h.Value[i].Where(p => p.Id != q.Id).Take(MarginCalibration.K).Select(p => (p.Id, higherIsBetter ? (double)p.Score : -p.Score))],
                StringComparer.Ordinal))).ToList();
        var result = MarginCalibration.Calibrate(sample, recallTarget);
        return new RoutingCalibration
        {
            Library = snapshot.Library.Name,
            DomainMapVersion = snapshot.MapVersion,
            RecallTarget = recallTarget,
            Margin = result.Margin,
            HeldOutQueries = (uint)result.HeldOutQueries,
            HeldOutRecall = result.HeldOutRecall,
            MeanDomainsProbed = result.MeanDomainsProbed,
            ProbedFraction = result.ProbedFraction,
            CalibratedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        };
    }

    // Points of each domain in proportion to its size, spread over the first pages of its collection.
    private async Task<List<PointRecord>> SampleAsync(IReadOnlyList<RouteEntry> entries, DomainMap map, CancellationToken cancellationToken)
    {
        var counts = map.Domains.ToDictionary(d => d.DomainId, d => (double)d.PointCount, StringComparer.Ordinal);
        var total = Math.Max(1, counts.Values.Sum());
        var sample = new List<PointRecord>();
        foreach (var entry in entries)
        {
            var wanted = Math.Max(2, (int)Math.Round(SampleQueries * counts.GetValueOrDefault(entry.DomainId) / total));
            var cluster = registry.GetCluster(entry.ReadClusters.FirstOrDefault()?.Name ?? entry.Primary.Name);
            var page = await cluster.ScrollAsync(entry.CollectionName, new ScrollRequest(wanted * 4, WithPayload: false, WithVectors: true), cancellationToken);
            var step = Math.Max(1, page.Points.Count / wanted);
            sample.AddRange(page.Points.Where((_, i) => i % step == 0).Take(wanted));
        }

        return sample;
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Routing of {Library} calibrated on map version {MapVersion}: margin {Margin}, held-out recall@10 {Recall}, {Probed} domains probed on average over {Queries} queries")]
    private partial void LogCalibrated(string library, ulong mapVersion, double margin, double recall, double probed, uint queries);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Routing of {Library} could not be calibrated on map version {MapVersion} ({Reason}); the safe default is used and it is tried again shortly")]
    private partial void LogCalibrationFailed(string library, ulong mapVersion, string reason);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Stored routing calibrations could not be read ({Reason}); retrying")]
    private partial void LogStoreUnavailable(string reason);
}
