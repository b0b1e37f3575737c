using Google.Protobuf;
using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.TestInfrastructure;
using Npgsql;
using StackExchange.Redis;
using Xunit;
using Distance = MultiCluster.Clusters.Distance;

namespace MultiCluster.Specialization.Tests.EndToEnd;

/// <summary>What the tuning end-to-end tests do over and over: refusals, collections with points, events, rows.</summary>
internal static class TuningCalls
{
    /// <summary>The status of a call expected to be refused.</summary>
    public static async Task<Status> RefusedAsync<T>(AsyncUnaryCall<T> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.Within());
        return error.Status;
    }

    /// <summary>Makes every call in <paramref name="cases"/> and checks each is refused with its status and a detail starting as given.</summary>
    public static async Task AssertRefusedAsync<TRequest, TResponse>(Func<TRequest, AsyncUnaryCall<TResponse>> call, IEnumerable<(TRequest Request, StatusCode Code, string Start)> cases)
    {
        ArgumentNullException.ThrowIfNull(call);
        foreach (var (request, code, start) in cases)
        {
            var status = await RefusedAsync(call(request));
            Assert.True(status.StatusCode == code && status.Detail.StartsWith(start, StringComparison.Ordinal), $"expected {code} '{start}…', got {status.StatusCode} '{status.Detail}'");
        }
    }

    /// <summary>Stores version 1 of a library's routing table, as the routing store would, with the given entries.</summary>
    public static Task RouteAsync(SpecializationFixture fixture, string library, params RouteEntry[] entries) =>
        ExecuteAsync(
            fixture,
            "INSERT INTO routing_heads (library, version) VALUES (@l, 1); INSERT INTO routing_versions (library, version, routing, reason) VALUES (@l, 1, @r, 'test')",
            ("l", library),
            ("r", new RoutingTable { Library = library, Version = 1, Entries = { entries } }.ToByteArray()));

    /// <summary>A routing entry reading and writing the domain on <paramref name="clusters"/>, the first being primary.</summary>
    public static RouteEntry Entry(string library, string domainId, params string[] clusters) => new()
    {
        DomainId = domainId,
        CollectionName = LibraryName.Collection(library, domainId),
        Primary = new ClusterRef { Name = clusters[0] },
        ReadClusters = { clusters.Select(c => new ClusterRef { Name = c }) },
        WriteClusters = { clusters.Select(c => new ClusterRef { Name = c }) },
    };

    /// <summary>Creates "{library}__{domain}" on a cluster (8 dims, Cosine, the given tuning) with <paramref name="points"/> points.</summary>
    public static async Task CreateAsync(IVectorCluster cluster, string library, string domain, int points, CollectionSpec? tuning = null)
    {
        var name = LibraryName.Collection(library, domain);
        await cluster.CreateCollectionAsync((tuning ?? new CollectionSpec(name, 8, Distance.Cosine)) with { Name = name, VectorSize = 8, Distance = Distance.Cosine }).Within();
        for (var start = 0; start < points; start += 1_000)
        {
            var batch = Enumerable.Range(start, Math.Min(1_000, points - start))
                .Select(i => new PointRecord($"{i + 1}", [.. Enumerable.Range(0, 8).Select(d => (float)Math.Sin(i * 0.37 + d))]))
                .ToList();
            await cluster.UpsertAsync(name, batch).Within();
        }
    }

    /// <summary>Publishes an event the way the local transport does: a CloudEvent in the JSON format on the topic's stream.</summary>
    public static async Task PublishAsync(SpecializationFixture fixture, string topic, IMessage message)
    {
        var connection = fixture.Settings.Single(s => s.Key == "Redis__ConnectionString").Value;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connection).Within();
        var factory = new CloudEventFactory(new MultiCluster.Messaging.MessagingOptions { ServiceName = "specialization-tests" }, TimeProvider.System);
        await redis.GetDatabase().StreamAddAsync(topic, "data", CloudEventFormat.Encode(factory.Create(message))).Within();
    }

    /// <summary>Runs a statement on the host's database (rows other areas would write: routing, placements, policies).</summary>
    public static async Task ExecuteAsync(SpecializationFixture fixture, string sql, params (string Name, object Value)[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.DatabaseConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync().Within();
    }

    /// <summary>The first column of the first row, or null.</summary>
    public static async Task<object?> ScalarAsync(SpecializationFixture fixture, string sql, params (string Name, object Value)[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.DatabaseConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync().Within();
    }
}
