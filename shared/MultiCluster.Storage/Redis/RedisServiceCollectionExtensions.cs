using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MultiCluster.Storage.Redis;

/// <summary>Registers the process's one Redis connection.</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>Adds a singleton <see cref="IConnectionMultiplexer"/> for the "Redis" section (default 127.0.0.1:6379).</summary>
    public static IServiceCollection AddRedis(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddRedis(configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions());
    }

    public static IServiceCollection AddRedis(this IServiceCollection services, RedisOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton(provider => RedisConnection.Connect(options, provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisConnection).FullName!)));
        return services;
    }
}
