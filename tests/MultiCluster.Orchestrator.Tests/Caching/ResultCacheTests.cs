using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Caching;
using MultiCluster.Orchestrator.Routing;
using MultiCluster.Orchestrator.Tests.EndToEnd;
using MultiCluster.TestInfrastructure;
using StackExchange.Redis;
using Xunit;

namespace MultiCluster.Orchestrator.Tests.Caching;

/// <summary>The result cache against the mesh's real Redis: keys, invalidation by writes and routing versions, TTL.</summary>
[Collection(MeshHostGroup.Name)]
public sealed class ResultCacheTests(OrchestratorFixture mesh) : IAsyncLifetime
{
    private ConnectionMultiplexer? _redis;

    private ResultCache Cache => new(_redis!, NullLogger<ResultCache>.Instance);

    public async Task InitializeAsync() =>
        _redis = await ConnectionMultiplexer.ConnectAsync(mesh.RedisConnectionString).Within();

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task AStoredAnswer_IsServedForTheSameQuery_AndNotForAnotherVectorParameterOrRoutingVersion()
    {
        var cache = Cache;
        var request = Search("rc-key", 1f, 2f);
        var key = ResultCacheKey.ForSearch(request, 3);
        await cache.PutAsync(await cache.TryGetAsync(key, ["d1"], bypass: false).Within(), Answer("p1"), TimeSpan.FromMinutes(1)).Within();

        var again = await cache.TryGetAsync(ResultCacheKey.ForSearch(Search("rc-key", 1f, 2f, timeoutMs: 500, bypass: true), 3), ["d1"], bypass: false).Within();
        var otherVector = await cache.TryGetAsync(ResultCacheKey.ForSearch(Search("rc-key", 1f, 2.5f), 3), ["d1"], bypass: false).Within();
        var otherLimit = await cache.TryGetAsync(ResultCacheKey.ForSearch(Search("rc-key", 1f, 2f, limit: 5), 3), ["d1"], bypass: false).Within();
        var otherFusion = await cache.TryGetAsync(ResultCacheKey.ForSearch(request, 3, new FusionConfig { Algorithm = FusionAlgorithm.ReciprocalRank }), ["d1"], bypass: false).Within();
        var newerRouting = await cache.TryGetAsync(ResultCacheKey.ForSearch(request, 4), ["d1"], bypass: false).Within();
        var bypassed = await cache.TryGetAsync(key, ["d1"], bypass: true).Within();

        Assert.Equal("p1", again.Hit?.Points.Single().Id);
        List<ResultCacheLookup> misses = [otherVector, otherLimit, otherFusion, newerRouting, bypassed];
        Assert.All(misses, l => Assert.Null(l.Hit));
        Assert.Equal((1L, 5L), (cache.Hits, cache.Misses - 1));
    }

    [Fact]
    public async Task AWriteToACoveredDomain_StopsTheAnswerBeingServed_AndAWriteElsewhereDoesNot()
    {
        var cache = Cache;
        var key = ResultCacheKey.ForSearch(Search("rc-write", 0.5f), 1);
        await cache.PutAsync(await cache.TryGetAsync(key, ["d1", "unassigned"], bypass: false).Within(), Answer("p1"), TimeSpan.FromMinutes(1)).Within();

        await cache.DomainsWrittenAsync("rc-write", ["d2"]).Within();
        var stillServed = await cache.TryGetAsync(key, ["unassigned", "d1"], bypass: false).Within();
        await cache.DomainsWrittenAsync("rc-write", ["unassigned"]).Within();
        var afterWrite = await cache.TryGetAsync(key, ["d1", "unassigned"], bypass: false).Within();

        Assert.NotNull(stillServed.Hit);
        Assert.Null(afterWrite.Hit);
        await cache.PutAsync(afterWrite, Answer("p2"), TimeSpan.FromMinutes(1)).Within();
        Assert.Equal("p2", (await cache.TryGetAsync(key, ["d1", "unassigned"], bypass: false).Within()).Hit?.Points.Single().Id);
    }

    [Fact]
    public async Task AnAnswerSearchedWhileAWriteLanded_IsNeverServed()
    {
        var cache = Cache;
        var key = ResultCacheKey.ForSearch(Search("rc-race", 0.25f), 1);
        var lookup = await cache.TryGetAsync(key, ["d1"], bypass: false).Within();

        await cache.DomainsWrittenAsync("rc-race", ["d1"]).Within();
        await cache.PutAsync(lookup, Answer("stale"), TimeSpan.FromMinutes(1)).Within();

        Assert.Null((await cache.TryGetAsync(key, ["d1"], bypass: false).Within()).Hit);
    }

    [Fact]
    public async Task Entries_ExpireAfterTheirTtl_AndAZeroTtlStoresNothing()
    {
        var cache = Cache;
        var key = ResultCacheKey.ForSearch(Search("rc-ttl", 0.75f), 1);
        var lookup = await cache.TryGetAsync(key, ["d1"], bypass: false).Within();

        await cache.PutAsync(lookup, Answer("p"), TimeSpan.Zero).Within();
        Assert.False(await _redis!.GetDatabase().KeyExistsAsync(key.RedisKey).Within());
        await cache.PutAsync(lookup, Answer("p"), TimeSpan.FromSeconds(90)).Within();
        var ttl = await _redis.GetDatabase().KeyTimeToLiveAsync(key.RedisKey).Within();

        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(90));
    }

    [Fact]
    public void Ttl_IsTheLibrarysOwn_ElseTheDefaultSettings_ElseTheOptions()
    {
        var options = new OrchestratorOptions { CacheTtl = TimeSpan.FromMinutes(10) };
        var own = new RoutingSettings { CacheTtl = Duration.FromTimeSpan(TimeSpan.FromSeconds(30)) };
        var off = new RoutingSettings { CacheTtl = new Duration() };
        var defaults = new RoutingSettings { CacheTtl = Duration.FromTimeSpan(TimeSpan.FromMinutes(2)) };

        Assert.Equal(TimeSpan.FromSeconds(30), RoutingPolicy.Resolve(own, defaults, options).CacheTtl);
        Assert.Equal(TimeSpan.Zero, RoutingPolicy.Resolve(off, defaults, options).CacheTtl);
        Assert.Equal(TimeSpan.FromMinutes(2), RoutingPolicy.Resolve(new RoutingSettings(), defaults, options).CacheTtl);
        Assert.Equal(TimeSpan.FromMinutes(10), RoutingPolicy.Resolve(null, null, options).CacheTtl);
    }

    private static SearchRequest Search(string library, float x, float y = 0, uint limit = 10, uint timeoutMs = 0, bool bypass = false) => new()
    {
        Library = library,
        Vector = { x, y },
        Limit = limit,
        TimeoutMs = timeoutMs,
        Routing = new RoutingHints { BypassCache = bypass },
    };

    private static SearchResponse Answer(string id) => new() { Points = { new ScoredPoint { Id = id, Score = 1 } } };
}
