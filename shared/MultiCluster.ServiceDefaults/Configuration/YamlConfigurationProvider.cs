using Microsoft.Extensions.Configuration;

namespace MultiCluster.ServiceDefaults.Configuration;

/// <summary>Loads a YAML file into flattened keys (Service:GrpcPort, Auth:Keys:0:Role).</summary>
public sealed class YamlConfigurationProvider(YamlConfigurationSource source) : FileConfigurationProvider(source)
{
    public override void Load(Stream stream)
    {
        using var reader = new StreamReader(stream);
        Data = YamlFlattener.Flatten(reader, Source.Path ?? "YAML configuration");
    }
}
