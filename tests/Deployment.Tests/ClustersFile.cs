using Microsoft.Extensions.Configuration;
using MultiCluster.Clusters.Configuration;
using YamlDotNet.RepresentationModel;

namespace Deployment.Tests;

/// <summary>A clusters file read by MultiCluster.Clusters' own loader, with the keys a Secret supplies as environment.</summary>
internal static class ClustersFile
{
    public static string FromConfigMap(IEnumerable<YamlMappingNode> manifests) =>
        manifests.Single(m => m.Text("kind") == "ConfigMap" && m.Text("metadata", "name") == "multicluster-clusters").Text("data", "clusters.yaml")!;

    public static VectorClustersOptions Parse(string yaml, string source, IReadOnlyDictionary<string, string> environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(p => KeyValuePair.Create(p.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), (string?)p.Value)))
            .Build();
        return ClusterConfigurationLoader.Parse(yaml, source, configuration);
    }

    /// <summary>The ConfigMap's clusters.yaml in a file, as the volume mount gives it to the container.</summary>
    public static string WriteFromConfigMap(IEnumerable<YamlMappingNode> manifests)
    {
        var path = Path.Combine(Path.GetTempPath(), $"clusters-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, FromConfigMap(manifests));
        return path;
    }
}
