using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MultiCluster.ServiceDefaults.Auth;

/// <summary>Says at start how calls are authenticated: which key names and roles, or loudly that nothing is checked.</summary>
internal sealed class AuthStartupLog(AuthOptions options, IServiceProvider services, ILogger<AuthStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            ServiceDefaultsLog.AuthDisabled(logger);
        }
        else
        {
            var store = services.GetRequiredService<ApiKeyStore>();
            var callers = string.Join(", ", store.Callers.Select(c => $"{c.Name} ({CallAuthorizer.Name(c.Role)})"));
            ServiceDefaultsLog.AuthEnabled(logger, store.Count, callers);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
