using System.Collections.Concurrent;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Libraries;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// The routing policy and stored fusion of each library as requests use them, read from
/// <see cref="LibrarySettingsStore"/> (the library's own, else the defaults under "") and held for a few seconds so a
/// search does not read the database; this process's own changes are seen at once (<see cref="Forget"/>).
/// </summary>
public sealed class LibraryPolicies(LibrarySettingsStore store, OrchestratorOptions options, TimeProvider time)
{
    public static readonly TimeSpan HoldFor = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, (RoutingPolicy Policy, FusionConfig? Fusion, DateTimeOffset Read)> _held = new(StringComparer.Ordinal);

    public async Task<(RoutingPolicy Policy, FusionConfig? Fusion)> GetAsync(string library, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_held.TryGetValue(library, out var held) && now - held.Read < HoldFor)
        {
            return (held.Policy, held.Fusion);
        }

        var own = await store.GetRoutingAsync(library, cancellationToken);
        var defaults = library.Length > 0 ? await store.GetRoutingAsync("", cancellationToken) : null;
        var fusion = await store.GetFusionAsync(library, cancellationToken)
            ?? (library.Length > 0 ? await store.GetFusionAsync("", cancellationToken) : null);
        var policy = RoutingPolicy.Resolve(own, defaults, options);
        _held[library] = (policy, fusion, now);
        return (policy, fusion);
    }

    /// <summary>Drops what is held, after a settings change (every library when the defaults changed).</summary>
    public void Forget(string library)
    {
        if (library.Length == 0)
        {
            _held.Clear();
        }
        else
        {
            _held.TryRemove(library, out _);
        }
    }
}
