using Grpc.Core;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Maps;

/// <summary>
/// Domain maps as Specialization knows them: stored from "domains.discovered" (table domain_maps), and fetched from
/// Discovery (GetDomainMap) when a version asked for is not stored yet, or is stored only as the event told it
/// (without centroids). Version 0 is the highest version stored, and Discovery's latest published when none is.
/// </summary>
public sealed partial class DomainMapSource(DomainMapStore store, DiscoveryService.DiscoveryServiceClient discovery, ILogger<DomainMapSource> logger)
{
    /// <summary>How long Discovery may take to answer before the map counts as unavailable.</summary>
    public static readonly TimeSpan DiscoveryBudget = TimeSpan.FromSeconds(10);

    /// <summary>The map at <paramref name="version"/> (0: the latest published); null when Discovery has none.</summary>
    public async Task<DomainMap?> GetAsync(string library, ulong version, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(library, version, cancellationToken);
        if (stored is not null && DomainMaps.IsWhole(stored))
        {
            return stored;
        }

        try
        {
            var response = await discovery.GetDomainMapAsync(
                new GetDomainMapRequest { Library = library, Version = stored?.Version ?? version },
                deadline: DateTime.UtcNow + DiscoveryBudget,
                cancellationToken: cancellationToken);
            await store.SaveAsync(response.Map, cancellationToken);
            return response.Map;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return stored;
        }
        catch (RpcException e) when (e.StatusCode is not StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
        {
            // A map from the event still places domains; only the split needs centroids, and it asks again.
            if (stored is not null)
            {
                LogPartialMap(library, stored.Version, e.Status.StatusCode);
                return stored;
            }

            throw new SpecializationException(FailureKind.Unavailable,
                $"domain_map_version: the domain map of {library} is not stored here and the discovery service did not answer " +
                $"({e.Status.StatusCode}: {e.Status.Detail}); try again when discovery is running.");
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Discovery did not answer ({Status}); map v{Version} of {Library} is used as its event told it, without centroids")]
    private partial void LogPartialMap(string library, ulong version, StatusCode status);
}
