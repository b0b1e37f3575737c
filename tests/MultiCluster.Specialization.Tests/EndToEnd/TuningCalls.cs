using Google.Protobuf;
using Grpc.Core;
using MultiCluster.Clusters;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.TestInfrastructure;
using Npgsql;
using StackExchange.Redis;
using Xunit;

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
