using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.History;
using MultiCluster.Specialization.Placement;
using Npgsql;

namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// UpdateClusterConfiguration: the domain's copies found (<see cref="DomainCopies"/>), each changed on its own
/// (<see cref="CopyConfigurator"/>), then placement settings and a CONFIG_UPDATE history record written together.
/// </summary>
public sealed partial class CollectionConfigurator(
    DomainCopies copies,
    IClusterRegistry clusters,
    SpecializationStore placements,
    HistoryStore history,
    NpgsqlDataSource dataSource,
    TimeProvider time,
    ILogger<CollectionConfigurator> logger)
{
    public async Task<IReadOnlyList<CollectionUpdateResult>> UpdateAsync(ConfigurationChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        TuningNames.Library("library", change.Library);
        TuningNames.Domain("domain_id", change.DomainId);
        SettingsRules.Check(change.Settings, "settings");
        var fields = SettingsMask.Resolve(change.Settings, change.Mask, "update_mask");
        if (fields.Count == 0)
        {
            throw SpecializationException.Invalid("settings: every field is zero and update_mask is empty, so nothing would change; set the fields to change, or name zero/false fields in update_mask.");
        }

        if (change.Cluster is { } only)
        {
            TuningNames.Cluster(clusters, "cluster", only);
        }

        var collection = LibraryName.Collection(change.Library, change.DomainId);
        var found = await copies.FindAsync(change.Library, change.DomainId, cancellationToken);
        var holders = found.Clusters;
        var unreachable = found.Unreachable;
        if (change.Cluster is { } target)
        {
            if (unreachable.TryGetValue(target, out var reason))
            {
                throw new SpecializationException(FailureKind.Unavailable,
                    $"cluster: '{target}' did not answer ({reason}), so its copy of '{collection}' cannot be changed now; retry when it is back (HealthCheckClusters shows it).");
            }

            if (!holders.Contains(target, StringComparer.Ordinal))
            {
                throw SpecializationException.NotFound($"cluster: '{target}' holds no copy of '{collection}'; its copies are on {string.Join(", ", holders)}.");
            }

            (holders, unreachable) = ([target], new Dictionary<string, string>());
        }

        var placement = await placements.PlacementAsync(change.Library, change.DomainId, cancellationToken);
        var hnswEf = fields.Contains("hnsw_ef") ? change.Settings.HnswEf : placement?.Settings?.HnswEf ?? 0;
        var started = time.GetUtcNow();
        var applied = await Task.WhenAll(holders.Select(name => CopyConfigurator.ApplyAsync(clusters.GetCluster(name), collection, change.Settings, fields, hnswEf, cancellationToken)));
        var results = applied.Concat(unreachable.Select(u => NotReached(u.Key, u.Value, collection))).ToList();
        await RecordAsync(change.Library, change.DomainId, results, $"fields {string.Join(", ", fields.Order(StringComparer.Ordinal))}", started, cancellationToken);
        return results;
    }

    /// <summary>
    /// Stores what the copies now have in the domain's placement (when it has one and a copy changed) and records
    /// the change in the history, in one transaction.
    /// </summary>
    public async Task RecordAsync(string library, string domainId, IReadOnlyList<CollectionUpdateResult> results, string what, DateTimeOffset started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        foreach (var failed in results.Where(r => r.Error is not null))
        {
            LogCopyFailed(library, domainId, failed.Cluster.Name, failed.Error.Message);
        }

        var succeeded = results.Where(r => r.Error is null).ToList();
        var state = succeeded.Count == results.Count ? OperationState.Succeeded : OperationState.Failed;
        var summary = string.Create(CultureInfo.InvariantCulture, $"{domainId}: {what} on {string.Join(", ", succeeded.Select(r => r.Cluster.Name).DefaultIfEmpty("no cluster"))}")
            + (succeeded.Count < results.Count ? $"; failed on {string.Join(", ", results.Where(r => r.Error is not null).Select(r => $"{r.Cluster.Name} ({r.Error.Code})"))}" : "");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (succeeded.Count > 0)
        {
            await SpecializationStore.PutSettingsAsync(transaction, library, domainId, succeeded[0].Settings, cancellationToken);
        }

        await history.RecordAsync(transaction, new SpecializationRecord
        {
            Kind = SpecializationEventKind.ConfigUpdate,
            OperationId = Guid.NewGuid().ToString("N"),
            Library = library,
            DomainId = domainId,
            State = state,
            Summary = summary,
            StartedAt = Timestamp.FromDateTimeOffset(started),
            FinishedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A cluster that did not answer the search for copies: it may hold one, left unchanged.</summary>
    private static CollectionUpdateResult NotReached(string cluster, string reason, string collection) => new()
    {
        Cluster = new ClusterRef { Name = cluster },
        CollectionName = collection,
        Error = new OperationError
        {
            Code = "UNAVAILABLE",
            Message = $"cluster {cluster} did not answer ({reason}); a copy of '{collection}' it may hold is unchanged. Run the update again when it is back.",
            Cluster = new ClusterRef { Name = cluster },
            Retryable = true,
        },
    };

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "Configuration of {Library}/{Domain} failed on {Cluster}: {Reason}")]
    private partial void LogCopyFailed(string library, string domain, string cluster, string reason);
}
