using Microsoft.Extensions.Configuration;

namespace MultiCluster.ServiceDefaults.Configuration;

/// <summary>One YAML configuration file (config/*.yaml), read like appsettings.json.</summary>
public sealed class YamlConfigurationSource : FileConfigurationSource
{
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new YamlConfigurationProvider(this);
    }
}
