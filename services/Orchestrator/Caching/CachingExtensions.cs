using MultiCluster.Contracts;
using MultiCluster.Messaging;

namespace MultiCluster.Orchestrator.Caching;

public static class CachingExtensions
{
    /// <summary>
    /// The search result cache (its TTL per library is the routing policy's). "routing.changed" needs no handler of its own: the routing
    /// version is part of every key, and the snapshot refresher (which handles that topic) moves it. "migration.progress"
    /// of a split of "unassigned" does (<see cref="SplitProgressHandler"/>): a split changes what domains hold without one.
    /// </summary>
    public static IServiceCollection AddCaching(this IServiceCollection services)
    {
        services.AddSingleton<ResultCache>();
        services.AddEventHandler<SplitProgressHandler>(Topics.MigrationProgress);
        return services;
    }
}
