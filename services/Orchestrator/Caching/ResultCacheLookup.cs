using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Caching;

/// <summary>
/// What <see cref="ResultCache.TryGetAsync"/> found: the cached answer, or null on a miss. It carries the write
/// generations of the covered domains read before the search, so an answer stored with it is dropped when a write
/// landed meanwhile.
/// </summary>
public sealed record ResultCacheLookup(ResultCacheKey Key, IReadOnlyList<string> DomainIds, IReadOnlyList<long> Generations, SearchResponse? Hit);
