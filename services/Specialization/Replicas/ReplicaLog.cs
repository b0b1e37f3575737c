namespace MultiCluster.Specialization.Replicas;

/// <summary>What replica anti-entropy logs.</summary>
internal static partial class ReplicaLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Replica {Collection} on {Replica} made equal to its primary {Primary}: {Missing} missing, {Stale} stale, {Extra} extra points (dry run: {DryRun})")]
    public static partial void Repaired(ILogger logger, string collection, string replica, string primary, long missing, long stale, long extra, bool dryRun);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Created {Collection} on {Cluster}, which its route names")]
    public static partial void Created(ILogger logger, string collection, string cluster);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Orphan collection {Collection} on {Cluster}: no route and no migration uses it")]
    public static partial void Orphan(ILogger logger, string collection, string cluster);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Deleted orphan collection {Collection} on {Cluster}")]
    public static partial void OrphanDeleted(ILogger logger, string collection, string cluster);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Cluster {Cluster} did not answer the replica sync: {Reason}")]
    public static partial void ClusterDidNotAnswer(ILogger logger, string cluster, string reason);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information,
        Message = "Scheduled replica sync: {Repaired} points repaired over {Replicas} replicas, {Created} collections created, {Orphans} orphans, {Failed} clusters unreachable")]
    public static partial void ScheduledRun(ILogger logger, ulong repaired, int replicas, int created, int orphans, int failed);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Error, Message = "Scheduled replica sync failed; it runs again at the next interval")]
    public static partial void ScheduledRunFailed(ILogger logger, Exception exception);
}
