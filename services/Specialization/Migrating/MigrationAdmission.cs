using System.Globalization;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Maps;
using MultiCluster.Specialization.Routing;

namespace MultiCluster.Specialization.Migrating;

/// <summary>
/// Checks a migration to start against the clusters and the routing table and resolves its defaults, throwing a
/// <see cref="SpecializationException"/> whose message starts with the request field at fault. Nothing is written.
/// </summary>
public sealed class MigrationAdmission(IClusterRegistry registry, RoutingTableStore routing, DomainMapStore maps, SpecializationOptions options)
{
    public const int MaxBatchSize = 10_000;
    public const int MaxWorkers = 16;

    /// <summary>The job to insert, and the routing row to create with it when the library had none for the domain.</summary>
    public async Task<(MigrationRow Row, RouteEntry? Placed)> AdmitAsync(MigrationStart start, string operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        ValidateShape(start);
        if (start is { Kind: MigrationKind.Move, KeepSource: true })
        {
            // The contract's keep_source: the source keeps its copy and its role, the target becomes a replica.
            start = start with { Kind = MigrationKind.AddReplica };
        }

        if (start.Kind == MigrationKind.Split)
        {
            return (await AdmitSplitAsync(start, operationId, cancellationToken), null);
        }

        if (start.Kind == MigrationKind.DropReplica)
        {
            return (await AdmitDropAsync(start, operationId, cancellationToken), null);
        }

        var snapshot = registry.Current;
        var target = Cluster(snapshot, start.TargetCluster, "move.target");
        var table = await routing.GetAsync(start.Library, 0, cancellationToken);
        var entry = table is null ? null : RouteEntries.Find(table, start.DomainId);
        var sourceName = start.SourceCluster is { Length: > 0 } given ? given : entry?.Primary?.Name ?? snapshot.DefaultClusterName;
        var source = Cluster(snapshot, sourceName, "move.source");
        if (sourceName == start.TargetCluster)
        {
            throw SpecializationException.Invalid($"move.target: the domain would move from {sourceName} to itself; name another target cluster than the source.");
        }

        var collection = LibraryName.Collection(start.Library, start.DomainId);
        long count;
        try
        {
            count = await source.CountAsync(collection, null, cancellationToken);
        }
        catch (CollectionNotFoundException)
        {
            throw SpecializationException.NotFound(
                $"move.domain_id: library {LibraryName.Quote(start.Library)} has no domain {LibraryName.Quote(start.DomainId)} on {sourceName} (no collection {collection}); check the library and domain names, or name the cluster that holds it in move.source.");
        }

        if (entry is not null && entry.ReadClusters.Concat(entry.WriteClusters).Any(c => c.Name == start.TargetCluster))
        {
            throw SpecializationException.Precondition($"move.target: {start.TargetCluster} already holds domain {LibraryName.Quote(start.DomainId)}; pick a cluster that does not.");
        }

        var targetOptions = snapshot.Options.First(o => o.Name == start.TargetCluster);
        if (targetOptions.Draining)
        {
            throw SpecializationException.Precondition($"move.target: cluster {start.TargetCluster} is draining and takes no new domains; pick another target.");
        }

        if (targetOptions.CapacityPoints > 0)
        {
            var held = (await target.GetStatsAsync(cancellationToken)).PointsCount;
            if (held + count > targetOptions.CapacityPoints)
            {
                throw SpecializationException.Exhausted(string.Create(CultureInfo.InvariantCulture,
                    $"move.target: cluster {start.TargetCluster} holds {held} points and the domain has {count}, more than its capacity_points {targetOptions.CapacityPoints}; pick another target or raise its capacity."));
            }
        }

        var move = new DomainMove
        {
            Library = start.Library,
            DomainId = start.DomainId,
            Source = new ClusterRef { Name = sourceName },
            Target = new ClusterRef { Name = start.TargetCluster },
            PointCount = (ulong)count,
            KeepSource = start.KeepSource,
            Reason = start.Reason,
        };
        return (NewRow(start, operationId, move, sourceName, start.TargetCluster, count), entry is null ? RouteEntries.Placed(start.Library, start.DomainId, sourceName, []) : null);
    }

    /// <summary>
    /// A split reads "unassigned" where routing reads it (its primary; the default cluster before a table names it)
    /// and writes each point where its domain's routing entry writes; the map must be stored, and "unassigned" exist.
    /// </summary>
    private async Task<MigrationRow> AdmitSplitAsync(MigrationStart start, string operationId, CancellationToken cancellationToken)
    {
        var snapshot = registry.Current;
        if (await maps.GetAsync(start.Library, start.MapVersion, cancellationToken) is null)
        {
            throw SpecializationException.NotFound($"domain_map_version: library {LibraryName.Quote(start.Library)} has no domain map v{start.MapVersion} stored; split by a map Discovery published.");
        }

        var table = await routing.GetAsync(start.Library, 0, cancellationToken);
        var sourceName = (table is null ? null : RouteEntries.Find(table, LibraryName.Unassigned))?.Primary?.Name ?? snapshot.DefaultClusterName;
        var source = Cluster(snapshot, sourceName, "move.source");
        var collection = LibraryName.Collection(start.Library, LibraryName.Unassigned);
        long count;
        try
        {
            count = await source.CountAsync(collection, null, cancellationToken);
        }
        catch (CollectionNotFoundException)
        {
            throw SpecializationException.NotFound($"move.library: library {LibraryName.Quote(start.Library)} has no {collection} on {sourceName}; there is nothing to split.");
        }

        var move = new DomainMove
        {
            Library = start.Library,
            DomainId = LibraryName.Unassigned,
            Source = new ClusterRef { Name = sourceName },
            Target = new ClusterRef { Name = sourceName },
            PointCount = (ulong)count,
            Reason = start.Reason,
        };
        return NewRow(start, operationId, move, sourceName, sourceName, count) with { MapVersion = start.MapVersion };
    }

    /// <summary>
    /// A replica drop names the cluster whose copy goes (source); the job's target is the primary, where the domain
    /// stays. Refused for the primary, the last readable copy, or a cluster the entry does not name.
    /// </summary>
    private async Task<MigrationRow> AdmitDropAsync(MigrationStart start, string operationId, CancellationToken cancellationToken)
    {
        var snapshot = registry.Current;
        var source = Cluster(snapshot, start.SourceCluster!, "move.source");
        var table = await routing.GetAsync(start.Library, 0, cancellationToken);
        if ((table is null ? null : RouteEntries.Find(table, start.DomainId)) is not { } entry || !entry.ReadClusters.Concat(entry.WriteClusters).Any(c => c.Name == source.Name))
        {
            throw SpecializationException.NotFound($"move.source: domain {LibraryName.Quote(start.DomainId)} of library {LibraryName.Quote(start.Library)} has no replica routed to {source.Name}; name a cluster its routing entry lists.");
        }

        if (RouteEntries.WhyNotDrop(entry, source.Name) is { } refused)
        {
            throw SpecializationException.Precondition($"move.source: {refused}; nothing is dropped.");
        }

        long count;
        try
        {
            count = await source.CountAsync(LibraryName.Collection(start.Library, start.DomainId), null, cancellationToken);
        }
        catch (CollectionNotFoundException)
        {
            // Routed but never created, or dropped by hand: the routing entry is still put right.
            count = 0;
        }
        catch (VectorClusterException)
        {
            // The cluster is down: it leaves routing all the same (that needs only this database); its collection is
            // dropped once it answers again. The count is only what the status shows.
            count = 0;
        }

        var move = new DomainMove { Library = start.Library, DomainId = start.DomainId, Source = new ClusterRef { Name = source.Name }, PointCount = (ulong)count, Reason = start.Reason };
        return NewRow(start, operationId, move, source.Name, entry.Primary.Name, count);
    }

    private MigrationRow NewRow(MigrationStart start, string operationId, DomainMove move, string source, string target, long count) => new()
    {
        OperationId = operationId,
        Library = start.Library,
        DomainId = start.DomainId,
        Kind = start.Kind,
        SourceCluster = source,
        TargetCluster = target,
        KeepSource = start.KeepSource,
        Move = move,
        RequestId = start.RequestId is { Length: > 0 } requestId ? requestId : null,
        State = OperationState.Pending,
        Phase = MigrationPhase.Queued,
        BatchSize = start.BatchSize == 0 ? options.MigrationBatchSize : (int)start.BatchSize,
        Workers = start.Workers == 0 ? options.MigrationWorkers : (int)start.Workers,
        MaxPointsPerSecond = (int)Math.Min(start.MaxPointsPerSecond, int.MaxValue),
        SkipChecksums = start.SkipChecksums,
        PointsTotal = count,
        SpecializationId = start.SpecializationId,
    };

    /// <summary>The checks that need nothing but the request.</summary>
    public static void ValidateShape(MigrationStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (!LibraryName.IsValid(start.Library))
        {
            throw SpecializationException.Invalid($"move.library: {LibraryName.Quote(start.Library)} is not a library name (lowercase letters, digits, '-' and '_', at most 63, no '__').");
        }

        if (start.Kind == MigrationKind.Split)
        {
            if (start.DomainId != LibraryName.Unassigned || start.MapVersion == 0)
            {
                throw SpecializationException.Invalid("move.domain_id: a split moves the points of 'unassigned' into the domains of one map version; name 'unassigned' and the map version.");
            }
        }
        else if (!LibraryName.IsValidDomainId(start.DomainId) || start.DomainId == LibraryName.Unassigned)
        {
            throw SpecializationException.Invalid($"move.domain_id: {LibraryName.Quote(start.DomainId)} is not a domain id that can move (lowercase letters, digits, '-' and '_', at most 48; not 'unassigned').");
        }
        else if (start.Kind == MigrationKind.DropReplica)
        {
            if (string.IsNullOrEmpty(start.SourceCluster))
            {
                throw SpecializationException.Invalid("move.source: required to drop a replica; name the cluster whose copy goes.");
            }
        }
        else if (string.IsNullOrEmpty(start.TargetCluster))
        {
            throw SpecializationException.Invalid("move.target: required; name the cluster the domain moves to.");
        }

        if (start.BatchSize > MaxBatchSize)
        {
            throw SpecializationException.Invalid($"batch_size: {start.BatchSize} is above {MaxBatchSize}; pass 1..{MaxBatchSize}, or 0 for the default.");
        }

        if (start.Workers > MaxWorkers)
        {
            throw SpecializationException.Invalid($"workers: {start.Workers} is above {MaxWorkers}; pass 1..{MaxWorkers}, or 0 for the default.");
        }
    }

    private static IVectorCluster Cluster(ClusterSnapshot snapshot, string name, string field) =>
        snapshot.TryGetCluster(name, out var cluster)
            ? cluster
            : throw SpecializationException.NotFound($"{field}: no cluster {LibraryName.Quote(name)} is configured; pick one of {string.Join(", ", snapshot.Names)}.");
}
