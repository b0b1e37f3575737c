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
    /// <see cref="VectorClustersOptions"/> and <see cref="IClusterRegistry"/> (Qdrant REST clients) as singletons.
    /// </summary>
    public static IServiceCollection AddVectorClusters(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = ClusterConfigurationLoader.Load(configuration);
        services.AddSingleton(options);
        services.AddSingleton<IClusterRegistry>(provider =>
        {
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger<QdrantRestCluster>();
            return new ClusterRegistry(options, cluster => new QdrantRestCluster(cluster, options.Retry, logger));
        });
        return services;
    }
}
