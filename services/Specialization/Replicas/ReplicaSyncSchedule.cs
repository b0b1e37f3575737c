using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Replicas;

/// <summary>
/// Runs replica anti-entropy over every library every <see cref="SpecializationOptions.ReplicaSyncInterval"/> (zero
/// disables it), so a replica that missed writes while it was down converges without anyone asking. Orphans are only
/// reported here: deleting them is a decision for a person (SyncAcrossClusters with delete_orphans).
/// </summary>
public sealed class ReplicaSyncSchedule(ReplicaSynchronizer synchronizer, SpecializationOptions options, ReplicaLagGauge lag, TimeProvider time, ILogger<ReplicaSyncSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ReplicaSyncInterval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.ReplicaSyncInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                var result = await synchronizer.SyncAsync("", dryRun: false, deleteOrphans: false, stoppingToken);
                var repairs = result.Actions.Where(a => a.Kind == SyncActionKind.RepairPoints).ToList();
                var repaired = repairs.Aggregate(0UL, (sum, a) => sum + a.PointsRepaired);
                var created = result.Actions.Count(a => a.Kind == SyncActionKind.CreateCollection);
                var orphans = result.Actions.Count(a => a.Kind == SyncActionKind.OrphanFound);
                ReplicaLog.ScheduledRun(logger, repaired, repairs.Count, created, orphans, result.FailedClusters.Count);
                lag.RunEnded(inSync: result.FailedClusters.Count == 0 && result.Actions.All(a => a.Error is null));
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                lag.RunEnded(inSync: false);
                ReplicaLog.ScheduledRunFailed(logger, e);
            }
        }
    }
}
