using Grpc.Core;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Libraries;
using StackExchange.Redis;

namespace MultiCluster.Orchestrator.Snapshots;

/// <summary>
/// Keeps <see cref="RoutingSnapshots"/> current. At start it serves what Redis kept (<see cref="SnapshotCache"/>) for
/// every library of the catalog; then it holds one WatchRoutingTable stream to Specialization for all libraries and,
/// when a table follows a domain map it does not hold, fetches that map (with centroids) from Discovery. A periodic
/// pass, or <see cref="RequestRefresh"/> (events, CreateLibrary, DropLibrary), re-reads the catalog and retries what
/// failed. Specialization or Discovery being down only delays changes; requests keep routing on the last snapshot.
/// </summary>
public sealed partial class SnapshotRefresher(
    RoutingSnapshots snapshots,
    LibraryCatalog catalog,
    SnapshotCache cache,
    SpecializationService.SpecializationServiceClient specialization,
    DiscoveryService.DiscoveryServiceClient discovery,
    OrchestratorOptions options,
    ILogger<SnapshotRefresher> logger) : BackgroundService
{
    /// <summary>How long Specialization or Discovery may take to answer one read.</summary>
    public static readonly TimeSpan CallBudget = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _applying = new(1, 1);
    private TaskCompletionSource _refresh = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Asks for a pass over the catalog and every library now rather than at the next interval.</summary>
    public void RequestRefresh() => Interlocked.Exchange(ref _refresh, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>
    /// Reads one library again from the catalog, Specialization and Discovery and replaces its snapshot (removes it
    /// when the catalog no longer has it); returns the new snapshot. Used where a caller must see its own change.
    /// </summary>
    public async Task<LibrarySnapshot?> RefreshAsync(string library, CancellationToken cancellationToken)
    {
        var described = await catalog.GetAsync(library, cancellationToken);
        if (described is null)
        {
            snapshots.Remove(library);
            await Quietly(() => cache.RemoveAsync(library), library);
            return null;
        }

        var table = await TableAsync(library, cancellationToken);
        var current = snapshots.Get(library);
        var kept = table ?? current?.Table;
        var snapshot = LibrarySnapshot.Predates(kept, described) ? new LibrarySnapshot(described, null, null) : new LibrarySnapshot(described, kept, current?.Map);
        return await WithMapAsync(snapshot, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await LoadCachedAsync(stoppingToken);
        await Task.WhenAll(WatchAsync(stoppingToken), PeriodicAsync(stoppingToken));
    }

    private async Task LoadCachedAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                foreach (var library in await AllLibrariesAsync(cancellationToken))
                {
                    var (table, map) = await Quietly(() => cache.LoadAsync(library.Name), library.Name);
                    snapshots.Put(new LibrarySnapshot(library, table, map));
                }

                return;
            }
            catch (Npgsql.NpgsqlException e)
            {
                LogCatalogUnavailable(e.Message);
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; !cancellationToken.IsCancellationRequested;)
        {
            try
            {
                using var call = specialization.WatchRoutingTable(new WatchRoutingTableRequest(), cancellationToken: cancellationToken);
                await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    attempt = 0;
                    await ApplyTableAsync(message.Table, cancellationToken);
                }
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                LogWatchFailed(e.StatusCode, e.Status.Detail);
            }
            catch (Npgsql.NpgsqlException e)
            {
                LogCatalogUnavailable(e.Message);
            }

            await Task.Delay(Backoff(attempt++), cancellationToken);
        }
    }

    private async Task PeriodicAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var asked = Volatile.Read(ref _refresh).Task;
            await Task.WhenAny(asked, Task.Delay(options.SnapshotRefreshInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var libraries = await AllLibrariesAsync(cancellationToken);
                var names = libraries.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var gone in snapshots.All.Where(s => !names.Contains(s.Library.Name)))
                {
                    snapshots.Remove(gone.Library.Name);
                }

                foreach (var library in libraries)
                {
                    await RefreshAsync(library.Name, cancellationToken);
                }
            }
            catch (Exception e) when (e is RpcException or Npgsql.NpgsqlException && !cancellationToken.IsCancellationRequested)
            {
                LogRefreshFailed(e.Message);
            }
        }
    }

    private async Task ApplyTableAsync(RoutingTable table, CancellationToken cancellationToken)
    {
        var current = snapshots.Get(table.Library);
        if (current is null)
        {
            // Created by another Orchestrator replica since the last pass, or not a library clients created.
            await RefreshAsync(table.Library, cancellationToken);
            return;
        }

        if (table.Version >= current.RoutingVersion && !LibrarySnapshot.Predates(table, current.Library))
        {
            await WithMapAsync(current with { Table = table }, cancellationToken);
        }
    }

    /// <summary>Completes the snapshot with the map its table follows (fetched when not held), stores and returns it.</summary>
    private async Task<LibrarySnapshot> WithMapAsync(LibrarySnapshot snapshot, CancellationToken cancellationToken)
    {
        var wanted = snapshot.Table?.DomainMapVersion ?? 0;
        if (wanted != 0 && snapshot.Map?.Version != wanted)
        {
            snapshot = snapshot with { Map = await MapAsync(snapshot.Library.Name, wanted, cancellationToken) ?? snapshot.Map };
        }

        await _applying.WaitAsync(cancellationToken);
        try
        {
            // A slower refresh must not put back an older table than a watch message stored meanwhile.
            if (snapshots.Get(snapshot.Library.Name) is { } newer && newer.RoutingVersion > snapshot.RoutingVersion)
            {
                return newer;
            }

            snapshots.Put(snapshot);
        }
        finally
        {
            _applying.Release();
        }

        await Quietly(() => cache.SaveAsync(snapshot), snapshot.Library.Name);
        return snapshot;
    }

    private async Task<RoutingTable?> TableAsync(string library, CancellationToken cancellationToken)
    {
        try
        {
            return (await specialization.GetRoutingTableAsync(new GetRoutingTableRequest { Library = library }, deadline: DateTime.UtcNow + CallBudget, cancellationToken: cancellationToken)).Table;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            LogWatchFailed(e.StatusCode, e.Status.Detail);
            return null;
        }
    }

    private async Task<DomainMap?> MapAsync(string library, ulong version, CancellationToken cancellationToken)
    {
        try
        {
            return (await discovery.GetDomainMapAsync(new GetDomainMapRequest { Library = library, Version = version }, deadline: DateTime.UtcNow + CallBudget, cancellationToken: cancellationToken)).Map;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            LogMapUnavailable(library, version, e.StatusCode, e.Status.Detail);
            return null;
        }
    }

    private async Task<IReadOnlyList<Library>> AllLibrariesAsync(CancellationToken cancellationToken)
    {
        var all = new List<Library>();
        for (var page = await catalog.ListAsync("", 1_000, cancellationToken); page.Count > 0; page = await catalog.ListAsync(page[^1].Name, 1_000, cancellationToken))
        {
            all.AddRange(page);
        }

        return all;
    }

    private async Task<T> Quietly<T>(Func<Task<T>> read, string library)
        where T : struct
    {
        try
        {
            return await read();
        }
        catch (RedisException e)
        {
            LogCacheFailed(library, e.Message);
            return default;
        }
    }

    private async Task Quietly(Func<Task> write, string library)
    {
        try
        {
            await write();
        }
        catch (RedisException e)
        {
            LogCacheFailed(library, e.Message);
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * (1 << Math.Min(attempt, 7))));

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "The library catalog did not answer ({Reason}); retrying")]
    private partial void LogCatalogUnavailable(string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Watching routing tables failed ({Status}: {Detail}); reconnecting")]
    private partial void LogWatchFailed(StatusCode status, string detail);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Domain map v{Version} of {Library} unavailable from Discovery ({Status}: {Detail}); routing on the map held")]
    private partial void LogMapUnavailable(string library, ulong version, StatusCode status, string detail);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Refreshing routing snapshots failed ({Reason}); retrying at the next pass")]
    private partial void LogRefreshFailed(string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "The snapshot cache in Redis failed for {Library} ({Reason}); serving from memory")]
    private partial void LogCacheFailed(string library, string reason);
}
