using Google.Protobuf;
using MultiCluster.Contracts.V1;
using StackExchange.Redis;

namespace MultiCluster.Orchestrator.Snapshots;

/// <summary>
/// The routing table and domain map of each library kept in Redis ("orchestrator:snapshot:{library}", fields
/// "table" and "map" as protobuf bytes), so a restarted Orchestrator routes at once instead of waiting for
/// Specialization and Discovery. A copy, never the truth: a failure to read or write it only costs that head start.
/// </summary>
public sealed class SnapshotCache(IConnectionMultiplexer redis)
{
    private static RedisKey Key(string library) => "orchestrator:snapshot:" + library;

    public async Task<(RoutingTable? Table, DomainMap? Map)> LoadAsync(string library)
    {
        var fields = await redis.GetDatabase().HashGetAsync(Key(library), ["table", "map"]);
        return (
            fields[0].HasValue ? RoutingTable.Parser.ParseFrom((byte[])fields[0]!) : null,
            fields[1].HasValue ? DomainMap.Parser.ParseFrom((byte[])fields[1]!) : null);
    }

    public async Task SaveAsync(LibrarySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var entries = new List<HashEntry>(2);
        if (snapshot.Table is not null)
        {
            entries.Add(new HashEntry("table", snapshot.Table.ToByteArray()));
        }

        if (snapshot.Map is not null)
        {
            entries.Add(new HashEntry("map", snapshot.Map.ToByteArray()));
        }

        if (entries.Count > 0)
        {
            await redis.GetDatabase().HashSetAsync(Key(snapshot.Library.Name), [.. entries]);
        }
    }

    public Task RemoveAsync(string library) => redis.GetDatabase().KeyDeleteAsync(Key(library));
}
