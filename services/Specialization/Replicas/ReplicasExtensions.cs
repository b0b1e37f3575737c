using MultiCluster.ServiceDefaults.Grpc;
using MultiCluster.Specialization.Grpc;
using MultiCluster.Specialization.Verification;

namespace MultiCluster.Specialization.Replicas;

/// <summary>Replica anti-entropy's wiring: the reconciler, the synchronizer behind SyncAcrossClusters and its schedule.</summary>
public static class ReplicasExtensions
{
    public static IServiceCollection AddReplicas(this IServiceCollection services)
    {
        services.AddSingleton(new RangeReconciler());
        services.AddSingleton<MigrationCollections>();
        services.AddSingleton<ReplicaSynchronizer>();
        services.AddSingleton<IClusterSynchronizer, ClusterSynchronizer>();
        services.AddHostedService<ReplicaSyncSchedule>();
        return services;
    }
}
