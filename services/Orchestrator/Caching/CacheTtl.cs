using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Libraries;

namespace MultiCluster.Orchestrator.Caching;

/// <summary>
/// How long a library's answers stay cached: its own RoutingSettings.cache_ttl when set (zero disables its cache),
/// else the default settings' (library ""), else OrchestratorOptions.CacheTtl.
/// </summary>
public sealed class CacheTtl(LibrarySettingsStore store, OrchestratorOptions options)
{
    public async Task<TimeSpan> ForAsync(string library, CancellationToken cancellationToken) =>
        Resolve(await store.GetRoutingAsync(library, cancellationToken), await store.GetRoutingAsync("", cancellationToken), options);

    public static TimeSpan Resolve(RoutingSettings? library, RoutingSettings? defaults, OrchestratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (library?.CacheTtl ?? defaults?.CacheTtl)?.ToTimeSpan() ?? options.CacheTtl;
    }
}
