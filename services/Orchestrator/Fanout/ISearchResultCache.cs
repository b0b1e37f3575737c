using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Routing;

namespace MultiCluster.Orchestrator.Fanout;

/// <summary>
/// The seam for the result cache: asked after a search is validated and routed, before it fans out, and told the
/// complete (never partial) answer after. The key's request carries the vector and parameters; the routing
/// and map versions say which placements the answer was read from. Without a cache, <see cref="NoSearchResultCache"/>.
/// </summary>
public interface ISearchResultCache
{
    ValueTask<SearchResponse?> GetAsync(SearchCacheKey key, CancellationToken cancellationToken);

    ValueTask PutAsync(SearchCacheKey key, SearchResponse response, RoutePlan plan, TimeSpan ttl, CancellationToken cancellationToken);
}

/// <summary>What a cached search answer is keyed by.</summary>
public sealed record SearchCacheKey(string Library, ulong RoutingVersion, ulong MapVersion, SearchRequest Request);

/// <summary>No cache: every search fans out.</summary>
public sealed class NoSearchResultCache : ISearchResultCache
{
    public ValueTask<SearchResponse?> GetAsync(SearchCacheKey key, CancellationToken cancellationToken) => ValueTask.FromResult<SearchResponse?>(null);

    public ValueTask PutAsync(SearchCacheKey key, SearchResponse response, RoutePlan plan, TimeSpan ttl, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
