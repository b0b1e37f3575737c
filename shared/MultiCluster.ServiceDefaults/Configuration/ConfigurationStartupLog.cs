using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MultiCluster.ServiceDefaults.Configuration;

/// <summary>Names the configuration files read, in precedence order, so "which value won?" has an answer in the log.</summary>
internal sealed class ConfigurationStartupLog(IConfiguration configuration, ILogger<ConfigurationStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration is IConfigurationRoot root)
        {
            var files = root.Providers.OfType<FileConfigurationProvider>()
                .Where(p => p.Source.FileProvider?.GetFileInfo(p.Source.Path ?? "").Exists == true)
                .Select(p => p.Source.FileProvider!.GetFileInfo(p.Source.Path!).PhysicalPath ?? p.Source.Path!)
                .ToList();
            ServiceDefaultsLog.ConfigurationFiles(logger, files.Count > 0 ? string.Join(", ", files) : "none");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
