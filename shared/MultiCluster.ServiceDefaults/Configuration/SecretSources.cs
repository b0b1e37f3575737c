using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;

namespace MultiCluster.ServiceDefaults.Configuration;

/// <summary>
/// Refuses a [Secret] setting that comes from a file (appsettings*.json, config/*.yaml: checked in and copied around) or
/// from the command line (visible to every user in ps). Secrets come from the environment or a mounted secret (key-per-file).
/// </summary>
internal static class SecretSources
{
    public static void Check(Type type, IConfigurationSection section, IConfiguration configuration, List<string> problems)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return;
        }

        foreach (var property in ConfigurationShape.SettableProperties(type))
        {
            var child = section.GetSection(property.Name);
            var element = ConfigurationShape.ElementType(property.PropertyType);
            if (property.IsDefined(typeof(SecretAttribute)))
            {
                CheckSource(root, child.Path, problems);
            }
            else if (element is not null && !ConfigurationShape.IsScalar(element))
            {
                foreach (var item in child.GetChildren())
                {
                    Check(element, item, configuration, problems);
                }
            }
            else if (element is null && !ConfigurationShape.IsScalar(property.PropertyType))
            {
                Check(property.PropertyType, child, configuration, problems);
            }
        }
    }

    private static void CheckSource(IConfigurationRoot root, string path, List<string> problems)
    {
        // The last provider holding the key is the one whose value wins.
        var provider = root.Providers.LastOrDefault(p => p.TryGet(path, out var value) && value is not null);
        var from = provider switch
        {
            FileConfigurationProvider file => "the file " + file.Source.Path,
            CommandLineConfigurationProvider => "the command line (any user can read it with ps)",
            _ => null,
        };
        if (from is not null)
        {
            problems.Add($"{ConfigurationKeys.Describe(path)} is a secret and must come from the environment ({ConfigurationKeys.EnvironmentForm(path)}=...) or a mounted secret, not from {from}; remove it there");
        }
    }
}
