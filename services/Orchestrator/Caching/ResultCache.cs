using System.Globalization;
using Google.Protobuf;
using MultiCluster.Contracts.V1;
using StackExchange.Redis;

namespace MultiCluster.Orchestrator.Caching;

/// <summary>
/// The search result cache in Redis. An entry ("orchestrator:cache:{library}:{routing version}:{hash}", a hash of
/// the answer and the write generation of each domain it covered) is served only while those generations are
/// unchanged: <see cref="DomainsWrittenAsync"/> (called by every write path) increments them in
/// "orchestrator:cache:generations:{library}", so one write invalidates exactly the answers over its domains. A new
/// routing version is a new key space, and entries expire after their TTL. Every entry also depends on the library-wide
/// generation (<see cref="LibraryWide"/>), which <see cref="LibraryRewrittenAsync"/> increments when the library's
/// points changed in a way no domain list describes (a split of "unassigned" moved points between collections). Redis failing is a miss, never an error.
/// </summary>
public sealed partial class ResultCache(IConnectionMultiplexer redis, ILogger<ResultCache> logger)
{
    private const string AnswerField = "answer";
    private const string GenerationsField = "generations";
    private long _hits;
    private long _misses;

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>The generation field every cached answer depends on; no domain id contains '*'.</summary>
    public const string LibraryWide = "*";

    public static RedisKey GenerationsKey(string library) => "orchestrator:cache:generations:" + library;

    /// <summary>
    /// The cached answer for <paramref name="key"/> over <paramref name="domainIds"/> (the domains the query is routed
    /// to, "unassigned" included when searched). With <paramref name="bypass"/> nothing is read, but the lookup can
    /// still store the fresh answer.
    /// </summary>
    public async Task<ResultCacheLookup> TryGetAsync(ResultCacheKey key, IReadOnlyCollection<string> domainIds, bool bypass)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(domainIds);
        var domains = domainIds.Append(LibraryWide).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        try
        {
            var database = redis.GetDatabase();
            // Both commands go out before either is awaited: one round trip.
            var generationsRead = database.HashGetAsync(GenerationsKey(key.Library), [.. domains.Select(d => (RedisValue)d)]);
            var entryRead = bypass ? Task.FromResult<RedisValue[]>([RedisValue.Null, RedisValue.Null]) : database.HashGetAsync(key.RedisKey, [AnswerField, GenerationsField]);
            var generations = (await generationsRead).Select(g => g.TryParse(out long value) ? value : 0).ToArray();
            var entry = await entryRead;
            var hit = !bypass && entry[0].HasValue && (string?)entry[1] == Encode(domains, generations)
                ? SearchResponse.Parser.ParseFrom((byte[])entry[0]!)
                : null;
            Interlocked.Increment(ref hit is null ? ref _misses : ref _hits);
            return new ResultCacheLookup(key, domains, generations, hit);
        }
        catch (RedisException e)
        {
            LogCacheFailed(key.Library, e.Message);
            Interlocked.Increment(ref _misses);
            return new ResultCacheLookup(key, domains, [], null);
        }
    }

    /// <summary>Stores the answer a missed lookup led to, for <paramref name="ttl"/>; zero or less stores nothing.</summary>
    public async Task PutAsync(ResultCacheLookup lookup, SearchResponse answer, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(answer);
        if (ttl <= TimeSpan.Zero || lookup.Generations.Count != lookup.DomainIds.Count)
        {
            return;
        }

        try
        {
            var database = redis.GetDatabase();
            var transaction = database.CreateTransaction();
            _ = transaction.HashSetAsync(lookup.Key.RedisKey, [new HashEntry(AnswerField, answer.ToByteArray()), new HashEntry(GenerationsField, Encode(lookup.DomainIds, lookup.Generations))]);
            _ = transaction.KeyExpireAsync(lookup.Key.RedisKey, ttl);
            await transaction.ExecuteAsync();
        }
        catch (RedisException e)
        {
            LogCacheFailed(lookup.Key.Library, e.Message);
        }
    }

    /// <summary>
    /// Points of <paramref name="library"/> were written to (or deleted from) these domains: every cached answer over
    /// any of them stops being served. Call it before acknowledging the write, so no later search sees the old answer.
    /// </summary>
    public async Task DomainsWrittenAsync(string library, IEnumerable<string> domainIds)
    {
        ArgumentNullException.ThrowIfNull(domainIds);
        try
        {
            var database = redis.GetDatabase();
            await Task.WhenAll(domainIds.Distinct(StringComparer.Ordinal).Select(d => database.HashIncrementAsync(GenerationsKey(library), d)));
        }
        catch (RedisException e)
        {
            LogCacheFailed(library, e.Message);
        }
    }

    /// <summary>Every cached answer of <paramref name="library"/> stops being served, whatever domains it covered.</summary>
    public Task LibraryRewrittenAsync(string library) => DomainsWrittenAsync(library, [LibraryWide]);

    private static string Encode(IReadOnlyList<string> domains, IReadOnlyList<long> generations) =>
        string.Join('\n', domains.Select((d, i) => d + "=" + generations[i].ToString(CultureInfo.InvariantCulture)));

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "The result cache in Redis failed for {Library} ({Reason}); answering without it")]
    private partial void LogCacheFailed(string library, string reason);
}
