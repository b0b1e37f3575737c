using MultiCluster.Contracts;
using MultiCluster.Messaging;
using MultiCluster.Specialization.Events;

namespace MultiCluster.Specialization.Tuning;

/// <summary>Tuning's wiring: collection configuration, recommendations, metrics, the load handler and the schedule.</summary>
public static class TuningExtensions
{
    public static IServiceCollection AddTuning(this IServiceCollection services)
    {
        services.AddSingleton<ClusterLoadStore>();
        services.AddSingleton<StrategySource>();
        services.AddSingleton<DomainCopies>();
        services.AddSingleton<CollectionConfigurator>();
        services.AddSingleton<ConfigOptimizer>();
        services.AddSingleton<ClusterMetrics>();
        services.AddSingleton<OptimizationSchedule>();
        services.AddHostedService(provider => provider.GetRequiredService<OptimizationSchedule>());
        services.AddEventHandler<ClusterLoadHandler>(Topics.ClusterLoad);
        return services;
    }
}
