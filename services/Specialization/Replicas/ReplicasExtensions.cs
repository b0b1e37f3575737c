using MultiCluster.ServiceDefaults.Grpc;
using MultiCluster.Specialization.Grpc;
using MultiCluster.Specialization.Routing;
using MultiCluster.Specialization.Verification;

namespace MultiCluster.Specialization.Replicas;

/// <summary>
/// Wiring of replica anti-entropy (the reconciler, the synchronizer behind SyncAcrossClusters and its schedule) and of
/// the reads that check placements against the clusters and serve the routing tables.
/// </summary>
public static class ReplicasExtensions
{
    public static IServiceCollection AddReplicas(this IServiceCollection services)
    {
        services.AddSingleton(new RangeReconciler());
        services.AddSingleton<MigrationCollections>();
        services.AddSingleton<ReplicaSynchronizer>();
        services.AddSingleton<IClusterSynchronizer, ClusterSynchronizer>();
        services.AddSingleton<ReplicaLagGauge>();
        services.AddHostedService<ReplicaSyncSchedule>();
        services.AddSingleton<RoutingLookup>();
        services.AddSingleton<RoutingWatcher>();
        services.AddSingleton<PlacementValidator>();
        return services;
    }
}
