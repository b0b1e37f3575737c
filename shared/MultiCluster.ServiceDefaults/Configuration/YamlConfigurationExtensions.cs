using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace MultiCluster.ServiceDefaults.Configuration;

/// <summary>Adds config/*.yaml between appsettings*.json and the environment.</summary>
public static class YamlConfigurationExtensions
{
    private const string ClustersFile = "clusters";

    /// <summary>
    /// Adds every *.yaml and *.yml file in <paramref name="directory"/>, in file name order (later files win), right after
    /// the JSON files, so precedence is: appsettings.json &lt; appsettings.{Environment}.json &lt; config/*.yaml &lt;
    /// environment variables &lt; command line. A missing directory adds nothing.
    /// </summary>
    public static IConfigurationBuilder AddYamlDirectory(this IConfigurationBuilder builder, string directory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            return builder;
        }

        // clusters.yaml has its own loader (MultiCluster.Clusters), which reads CLUSTERS__<NAME>__* overrides from
        // configuration: flattened into configuration too, its list entries would read as clusters named "0", "1", ...
        var files = Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Where(f => !Path.GetFileNameWithoutExtension(f).Equals(ClustersFile, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        var at = LastIndexOf<JsonConfigurationSource>(builder.Sources) + 1;
        var provider = new PhysicalFileProvider(Path.GetFullPath(directory));
        foreach (var file in files)
        {
            builder.Sources.Insert(at++, new YamlConfigurationSource
            {
                FileProvider = provider,
                Path = Path.GetFileName(file),
                Optional = false,
                ReloadOnChange = false,
            });
        }

        return builder;
    }

    private static int LastIndexOf<TSource>(IList<IConfigurationSource> sources)
    {
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (sources[i] is TSource)
            {
                return i;
            }
        }

        return -1;
    }
}
