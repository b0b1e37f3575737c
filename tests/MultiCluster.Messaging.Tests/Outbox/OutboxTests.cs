using System.Collections.Concurrent;
using System.Diagnostics;
using CloudNative.CloudEvents;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Diagnostics;
using MultiCluster.Messaging.Outbox;
using MultiCluster.Messaging.Tests.Support;
using MultiCluster.Storage.Postgres;
using MultiCluster.TestInfrastructure;
using Npgsql;
using Xunit;

namespace MultiCluster.Messaging.Tests.Outbox;

public sealed class OutboxTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly ActivitySource TestSource = new("MultiCluster.Messaging.Tests.Outbox");

    [Fact]
    public async Task Committed_events_are_published_in_order_and_marked_sent()
    {
        var topic = Support.Delivery.NewTopic();
        await using var database = await OutboxDatabase.CreateAsync();
        await using var node = MessagingNode.Create(redis.Server.ConnectionString, "specialization");
        var written = new List<string>();
        for (var transaction = 0; transaction < 3; transaction++)
        {
            written.AddRange(await WriteAsync(node, database, topic, commit: true, "a", "b", "c"));
        }

        var published = await Relay(database, node.Publisher).PublishPendingAsync(CancellationToken.None).Within();

        Assert.Equal(9, published);
        Assert.Equal(written, await StreamIdsAsync(node, topic));
        Assert.Equal(0, await database.UnsentAsync());
    }

    [Fact]
    public async Task Rolled_back_transaction_publishes_nothing()
    {
        var topic = Support.Delivery.NewTopic();
        await using var database = await OutboxDatabase.CreateAsync();
        await using var node = MessagingNode.Create(redis.Server.ConnectionString, "specialization");
        await WriteAsync(node, database, topic, commit: false, "never");

        var published = await Relay(database, node.Publisher).PublishPendingAsync(CancellationToken.None).Within();

        Assert.Equal(0, published);
        Assert.Equal(0, await node.Redis.StreamLengthAsync(topic).Within());
    }

    [Fact]
    public async Task Relay_crash_after_publishing_before_marking_republishes_the_same_ids_and_handlers_run_once()
    {
        var topic = Support.Delivery.NewTopic();
        await using var database = await OutboxDatabase.CreateAsync();
        await using var specialization = MessagingNode.Create(redis.Server.ConnectionString, "specialization");
        var handled = new ConcurrentDictionary<string, int>();
        await using var orchestrator = MessagingNode.Create(redis.Server.ConnectionString, "orchestrator");
        orchestrator.Subscriber.Subscribe(topic, (cloudEvent, _) =>
        {
            handled.AddOrUpdate(cloudEvent.Id!, 1, (_, count) => count + 1);
            return Task.CompletedTask;
        });
        await orchestrator.StartAsync();
        var written = await WriteAsync(specialization, database, topic, commit: true, "m1", "m2", "m3", "m4", "m5");

        // Every event goes out, then the relay's database session dies before the "sent" mark commits.
        var crashing = new CrashingPublisher(specialization.Publisher, crashAfter: 5, database.TerminateOpenTransactionsAsync);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => Relay(database, crashing).PublishPendingAsync(CancellationToken.None)).Within();
        Assert.Equal(5, await database.UnsentAsync());
        var republished = await Relay(database, specialization.Publisher).PublishPendingAsync(CancellationToken.None).Within();

        Assert.Equal(5, republished);
        Assert.Equal(written.Concat(written), await StreamIdsAsync(specialization, topic));
        await Eventually.TrueAsync(async () => (await orchestrator.Redis.StreamPendingAsync(topic, "orchestrator")).PendingMessageCount == 0 && handled.Count == 5, "both copies of every event settled");
        Assert.Equal(written.Order(), handled.Keys.Order());
        Assert.All(handled.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Two_relays_at_once_publish_each_event_once()
    {
        var topic = Support.Delivery.NewTopic();
        await using var database = await OutboxDatabase.CreateAsync();
        await using var node = MessagingNode.Create(redis.Server.ConnectionString, "rebalancer");
        var written = await WriteAsync(node, database, topic, commit: true, Enumerable.Range(0, 50).Select(i => $"e{i}").ToArray());
        var relays = new[] { Relay(database, node.Publisher, batchSize: 7), Relay(database, node.Publisher, batchSize: 7) };

        await Task.WhenAll(relays.Select(relay => Task.Run(async () =>
        {
            while (await database.UnsentAsync() > 0)
            {
                await relay.PublishPendingAsync(CancellationToken.None);
            }
        }))).Within();

        Assert.Equal(written, await StreamIdsAsync(node, topic));
    }

    [Fact]
    public async Task Hosted_relay_delivers_a_committed_event_continuing_the_writers_trace()
    {
        var topic = Support.Delivery.NewTopic();
        using var spans = SpanRecorder.Start(MessagingDiagnostics.ActivitySourceName, TestSource.Name);
        await using var database = await OutboxDatabase.CreateAsync();
        var received = new Received();
        await using var node = MessagingNode.Create(redis.Server.ConnectionString, "discovery", services => services
            .AddPostgresStorage(new PostgresOptions { ConnectionString = database.ConnectionString })
            .AddOutbox(new OutboxOptions { PollInterval = TimeSpan.FromMilliseconds(20) }));
        node.Subscriber.Subscribe(topic, received.Handler);
        await node.StartAsync();

        CloudEvent written;
        ActivityTraceId writerTrace;
        using (var writer = TestSource.StartActivity("analyse library")!)
        {
            writerTrace = writer.TraceId;
            await using var connection = await database.DataSource.OpenConnectionAsync().AsTask().Within();
            await using var transaction = await connection.BeginTransactionAsync().AsTask().Within();
            written = await node.Services.GetRequiredService<OutboxWriter>().WriteAsync(transaction, topic, new StringValue { Value = "domains" }).Within();
            await transaction.CommitAsync().Within();
        }

        await received.WaitForCountAsync(1);
        Assert.Equal(written.Id, received.Ids.Single());
        var process = await spans.WaitForAsync($"{topic} process");
        Assert.Equal(writerTrace, process.TraceId);
        await Eventually.TrueAsync(async () => await database.UnsentAsync() == 0, "the row marked sent");
    }

    private static OutboxRelay Relay(OutboxDatabase database, IEventPublisher publisher, int batchSize = 100) =>
        new(database.DataSource, publisher, new OutboxOptions { BatchSize = batchSize }, TimeProvider.System, NullLogger<OutboxRelay>.Instance);

    private static async Task<IReadOnlyList<string>> WriteAsync(MessagingNode node, OutboxDatabase database, string topic, bool commit, params string[] values)
    {
        var writer = new OutboxWriter(node.Services.GetRequiredService<CloudEventFactory>());
        await using var connection = await database.DataSource.OpenConnectionAsync().AsTask().Within();
        await using var transaction = await connection.BeginTransactionAsync().AsTask().Within();
        var ids = new List<string>();
        foreach (var value in values)
        {
            ids.Add((await writer.WriteAsync(transaction, topic, new StringValue { Value = value }).Within()).Id!);
        }

        await (commit ? transaction.CommitAsync() : transaction.RollbackAsync()).Within();
        return ids;
    }

    private static async Task<IReadOnlyList<string>> StreamIdsAsync(MessagingNode node, string topic) =>
        (await node.Redis.StreamRangeAsync(topic).Within()).Select(entry => CloudEventFormat.Decode((byte[])entry["data"]!).Id!).ToList();
}
