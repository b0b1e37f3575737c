using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MultiCluster.Clusters.Configuration;
using MultiCluster.Clusters.Qdrant;

namespace MultiCluster.Clusters;

/// <summary>DI wiring of the clusters every service talks to.</summary>
public static class VectorClusterServiceCollectionExtensions
{
    /// <summary>
    /// Loads and validates the cluster configuration now (see <see cref="ClusterConfigurationLoader"/>), so a bad
    /// file or variable stops the service at start with every problem listed, and registers
    /// <see cref="VectorClustersOptions"/>, <see cref="IClusterRegistry"/> (Qdrant clients: gRPC, and REST for what only REST serves) and the
    /// <see cref="ClusterConfigurationEditor"/> that changes clusters at run time, as singletons.
    /// </summary>
    public static IServiceCollection AddVectorClusters(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = ClusterConfigurationLoader.Load(configuration);
        var overrides = ClusterConfigurationLoader.OverridesFile(configuration);
        services.AddSingleton(options);
        services.AddSingleton(provider => new ClusterRegistry(options, QdrantFactory(provider, options)));
        services.AddSingleton<IClusterRegistry>(provider => provider.GetRequiredService<ClusterRegistry>());
        services.AddSingleton(provider => new ClusterConfigurationEditor(
            provider.GetRequiredService<ClusterRegistry>(),
            overrides,
            QdrantFactory(provider, options),
            provider.GetService<ILogger<ClusterConfigurationEditor>>()));
        return services;
    }

    private static Func<ClusterOptions, IVectorCluster> QdrantFactory(IServiceProvider provider, VectorClustersOptions options)
    {
        var logger = provider.GetService<ILoggerFactory>()?.CreateLogger<QdrantCluster>();
        return cluster => new QdrantCluster(cluster, options.Retry, logger);
    }
}
