using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MultiCluster.ServiceDefaults.Configuration;

/// <summary>
/// Layers configuration as appsettings.json &lt; appsettings.{Environment}.json &lt; config/*.yaml &lt; environment
/// variables &lt; command line, then binds and validates every section the defaults use, stopping the host on a problem.
/// </summary>
public static class ServiceConfigurationExtensions
{
    public static WebApplicationBuilder AddServiceConfiguration(this WebApplicationBuilder builder, out ServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Where the YAML lives is known before the YAML is read: from appsettings, the environment or the command line.
        var directory = builder.Configuration[$"{ServiceEndpointOptions.Section}:{nameof(ServiceEndpointOptions.ConfigDirectory)}"] is { Length: > 0 } configured
            ? configured
            : new ServiceEndpointOptions().ConfigDirectory;
        builder.Configuration.AddYamlDirectory(Path.Combine(builder.Environment.ContentRootPath, directory));
        settings = ServiceSettings.Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddHostedService<ConfigurationStartupLog>();
        return builder;
    }
}
