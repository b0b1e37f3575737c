namespace MultiCluster.Orchestrator.Caching;

public static class CachingExtensions
{
    /// <summary>
    /// The search result cache (its TTL per library is the routing policy's). "routing.changed" needs no handler of its own: the routing
    /// version is part of every key, and the snapshot refresher (which handles that topic) moves it.
    /// </summary>
    public static IServiceCollection AddCaching(this IServiceCollection services)
    {
        services.AddSingleton<ResultCache>();
        return services;
    }
}
