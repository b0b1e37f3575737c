using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MultiCluster.Orchestrator.Metrics;

public static class MetricsExtensions
{
    /// <summary>
    /// What the search path records (<see cref="IQueryRecorder"/>, <see cref="LiveRecall"/>), the load reports, live
    /// recall replays and GetCrossClusterMetrics. The router registers <see cref="IRoutingCalibrations"/>.
    /// </summary>
    public static IServiceCollection AddQueryMetrics(this IServiceCollection services)
    {
        services.AddSingleton<QueryMetrics>();
        services.AddSingleton<IQueryRecorder>(provider => provider.GetRequiredService<QueryMetrics>());
        services.TryAddSingleton<IExhaustiveSearch, SnapshotExhaustiveSearch>();
        services.AddSingleton<LiveRecall>();
        services.AddSingleton<CrossClusterMetrics>();
        services.AddHostedService<LoadReporter>();
        services.AddHostedService<LiveRecallReplayer>();
        return services;
    }
}
