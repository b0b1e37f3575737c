using Google.Protobuf;
using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.TestInfrastructure;
using Npgsql;
using StackExchange.Redis;
using Xunit;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>
/// What the placement end-to-end tests set up and look at: a library's "unassigned" collection with points, a domain
/// map stored as Specialization stores what it receives (never an answer faked for Discovery), the routing table as
/// stored, and events published the way the local transport does.
/// </summary>
internal sealed class PlacementWorld(SpecializationFixture fixture)
{
    public const int Dimension = 4;

    /// <summary>Creates "{library}__unassigned" on the default cluster with <paramref name="points"/> points.</summary>
    public async Task UnassignedAsync(string library, int points)
    {
        var cluster = fixture.Cluster("local-a");
        await cluster.CreateCollectionAsync(new CollectionSpec(LibraryName.Collection(library, LibraryName.Unassigned), Dimension, Clusters.Distance.Cosine)).Within();
        var records = Enumerable.Range(0, points).Select(i => new PointRecord($"{i + 1}", [i % 3 == 0 ? 1 : 0, i % 3 == 1 ? 1 : 0, i % 3 == 2 ? 1 : 0, 0.1f])).ToList();
        if (records.Count > 0)
        {
            await cluster.UpsertAsync(LibraryName.Collection(library, LibraryName.Unassigned), records).Within();
        }
    }

    /// <summary>A whole map of three domains, as Discovery's GetDomainMap gives it.</summary>
    public static DomainMap Map(string library, ulong version, params (string Id, ulong Points, string Proposed)[] domains)
    {
        var map = new DomainMap
        {
            Library = library, Version = version, Published = true, Dimension = Dimension, Distance = Contracts.V1.Distance.Cosine,
            TotalPoints = (ulong)domains.Sum(d => (long)d.Points), Strategy = AnalysisStrategy.Kmeans,
        };
        for (var i = 0; i < domains.Length; i++)
        {
            var domain = new Domain { DomainId = domains[i].Id, PointCount = domains[i].Points, ProposedCluster = new ClusterRef { Name = domains[i].Proposed } };
            domain.Centroid.Add(Enumerable.Range(0, Dimension).Select(j => j == i ? 1f : 0f));
            map.Domains.Add(domain);
        }

        return map;
    }

    public async Task StoreMapAsync(DomainMap map)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync().Within();
        await using var command = new NpgsqlCommand("INSERT INTO domain_maps (library, version, map) VALUES (@library, @version, @map)", connection);
        command.Parameters.AddWithValue("library", map.Library);
        command.Parameters.AddWithValue("version", (long)map.Version);
        command.Parameters.AddWithValue("map", map.ToByteArray());
        await command.ExecuteNonQueryAsync().Within();
    }

    /// <summary>The library's current routing table as stored; null when it has none.</summary>
    public async Task<RoutingTable?> RoutingAsync(string library)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync().Within();
        await using var command = new NpgsqlCommand(
            "SELECT v.routing FROM routing_heads h JOIN routing_versions v ON v.library = h.library AND v.version = h.version WHERE h.library = @library", connection);
        command.Parameters.AddWithValue("library", library);
        return await command.ExecuteScalarAsync().Within() is byte[] bytes ? RoutingTable.Parser.ParseFrom(bytes) : null;
    }

    public async Task<long> CountAsync(string sql, string library)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.OpenAsync().Within();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("library", library);
        return (long)(await command.ExecuteScalarAsync().Within())!;
    }

    /// <summary>Publishes an event the way the local transport does: a CloudEvent in the JSON format on the topic's stream.</summary>
    public async Task PublishAsync(string topic, IMessage message)
    {
        var redisSetting = fixture.Settings.Last(s => s.Key == "Redis__ConnectionString").Value;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisSetting).Within();
        var factory = new CloudEventFactory(new MultiCluster.Messaging.MessagingOptions { ServiceName = "placement-tests" }, TimeProvider.System);
        await redis.GetDatabase().StreamAddAsync(topic, "data", CloudEventFormat.Encode(factory.Create(message))).Within();
    }

    /// <summary>The events of a topic's stream, decoded.</summary>
    public async Task<IReadOnlyList<T>> ReadStreamAsync<T>(string topic, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var redisSetting = fixture.Settings.Last(s => s.Key == "Redis__ConnectionString").Value;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisSetting).Within();
        var entries = await redis.GetDatabase().StreamRangeAsync(topic).Within();
        return entries.Select(e => CloudEventFormat.Decode((byte[])e["data"]!).GetProtobufData(parser)).ToList();
    }

    /// <summary>The status a call fails with (the test fails when it succeeds).</summary>
    public static async Task<Status> RefusalAsync<T>(AsyncUnaryCall<T> call) =>
        (await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Within())).Status;
}
