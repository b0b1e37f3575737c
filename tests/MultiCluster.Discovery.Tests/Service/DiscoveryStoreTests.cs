using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Extensions;
using MultiCluster.Discovery.Storage;
using MultiCluster.Messaging;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Outbox;
using MultiCluster.Storage.Schema;
using MultiCluster.TestInfrastructure;
using Npgsql;
using Xunit;

namespace MultiCluster.Discovery.Tests.Service;

/// <summary>The store against a real PostgreSQL, each test on a fresh database migrated as the service migrates it.</summary>
public sealed class DiscoveryStoreTests : IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;
    private DiscoveryStore _store = null!;

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        _dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("discoverystore"));
        await new DatabaseMigrator(_dataSource, [MigrationSource.Storage, DiscoveryExtensions.Migrations], NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None).Within();
        _store = new DiscoveryStore(_dataSource, new OutboxWriter(new CloudEventFactory(new MessagingOptions { ServiceName = "discovery" }, TimeProvider.System)));
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task PublishedMap_IsStoredWithItsEventAndFinalState_InOneGo()
    {
        var operation = await StartAsync("books");
        var map = Map("books", 1, published: true, operation);

        await _store.StoreMapAsync(map, [], new DomainsDiscoveredEvent { Library = "books", MapVersion = 1 }, Succeeded(operation, 1, published: true), CancellationToken.None).Within();

        Assert.Equal(map, await _store.GetLatestAsync("books", publishedOnly: true, CancellationToken.None));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM outbox WHERE topic = 'domains.discovered'"));
        var row = await _store.GetAnalysisAsync(operation, CancellationToken.None);
        Assert.Equal(OperationState.Succeeded, row!.Record.State);
        Assert.Equal(1ul, row.Record.MapVersion);
        Assert.Equal(2ul, await _store.NextVersionAsync("books", CancellationToken.None));
    }

    [Fact]
    public async Task UnpublishedMap_IsStoredWithoutAnEvent_AndTheLatestPublishedStaysThePreviousOne()
    {
        var first = await StartAsync("books");
        await _store.StoreMapAsync(Map("books", 1, true, first), [], new DomainsDiscoveredEvent { Library = "books", MapVersion = 1 }, Succeeded(first, 1, true), CancellationToken.None);
        var second = await StartAsync("books");

        await _store.StoreMapAsync(Map("books", 2, false, second), [], null, Succeeded(second, 2, false), CancellationToken.None).Within();

        Assert.Equal(1ul, (await _store.GetLatestAsync("books", publishedOnly: true, CancellationToken.None))!.Version);
        Assert.Equal(2ul, (await _store.GetLatestAsync("books", publishedOnly: false, CancellationToken.None))!.Version);
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM outbox"));
        Assert.Single(await _store.PublishedAfterAsync("", 0, CancellationToken.None));
    }

    [Fact]
    public async Task CancelledStore_LeavesNothingOfTheMap()
    {
        var operation = await StartAsync("books");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _store.StoreMapAsync(Map("books", 1, true, operation), [], new DomainsDiscoveredEvent { Library = "books" }, Succeeded(operation, 1, true), cancelled.Token));

        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM domain_maps"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM outbox"));
        Assert.Equal(OperationState.Running, (await _store.GetAnalysisAsync(operation, CancellationToken.None))!.Record.State);
    }

    [Fact]
    public async Task SecondActiveAnalysisOfALibrary_IsBlockedByTheFirst_UntilItFinishes()
    {
        var first = await StartAsync("books");

        var blocking = await _store.InsertAnalysisAsync(Start(Guid.NewGuid().ToString(), "books"), CancellationToken.None);
        await _store.FinishAsync(new AnalysisCompletion(first, OperationState.Failed, "failed"), CancellationToken.None);
        var afterwards = await _store.InsertAnalysisAsync(Start(Guid.NewGuid().ToString(), "books"), CancellationToken.None);

        Assert.Equal(first, blocking!.Record.OperationId);
        Assert.Null(afterwards);
    }

    [Fact]
    public async Task InterruptedAnalyses_AreMarkedFailed_AndTheLibraryIsFreeAgain()
    {
        var operation = await StartAsync("books");

        Assert.Equal(1, await _store.MarkInterruptedAsync(CancellationToken.None));

        var row = await _store.GetAnalysisAsync(operation, CancellationToken.None);
        Assert.Equal(OperationState.Failed, row!.Record.State);
        Assert.Equal("ABORTED", row.Record.Error.Code);
        Assert.Null(await _store.FindActiveAsync("books", CancellationToken.None));
    }

    [Fact]
    public async Task HistoryPages_VisitEveryRecordOnce_NewestFirst()
    {
        var ids = new List<string>();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            var id = Guid.NewGuid().ToString();
            await _store.InsertAnalysisAsync(Start(id, $"lib{i}") with { StartedAt = start.AddMinutes(i % 3) }, CancellationToken.None);
            ids.Add(id);
        }

        var seen = new List<AnalysisRow>();
        (DateTimeOffset, string)? after = null;
        while (true)
        {
            var page = await _store.QueryHistoryAsync(new HistoryQuery("", null, null, [], 2, after), CancellationToken.None);
            seen.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }

            after = (page[^1].Record.StartedAt.ToDateTimeOffset(), page[^1].Record.OperationId);
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Select(r => r.Record.OperationId).Order(StringComparer.Ordinal));
        Assert.Equal(seen.OrderByDescending(r => r.Record.StartedAt).ThenByDescending(r => r.Record.OperationId, StringComparer.Ordinal).Select(r => r.Record.OperationId), seen.Select(r => r.Record.OperationId));
    }

    private async Task<string> StartAsync(string library)
    {
        var id = Guid.NewGuid().ToString();
        Assert.Null(await _store.InsertAnalysisAsync(Start(id, library), CancellationToken.None));
        return id;
    }

    private static AnalysisStart Start(string id, string library) =>
        new(id, library, null, "tests", false, new AnalysisSettings { Strategy = AnalysisStrategy.Kmeans }, 1, DateTimeOffset.UtcNow);

    private static AnalysisCompletion Succeeded(string operation, ulong version, bool published) =>
        new(operation, OperationState.Succeeded, "done", version, 1, 10, 0.5, published, 12, 3);

    private static DomainMap Map(string library, ulong version, bool published, string operation) => new()
    {
        Library = library,
        Version = version,
        PreviousVersion = version - 1,
        Published = published,
        Strategy = AnalysisStrategy.Kmeans,
        Dimension = 2,
        Distance = Distance.Euclid,
        SampledPoints = 10,
        TotalPoints = 10,
        AnalysisOperationId = operation,
        CreatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)),
        Domains = { new Domain { DomainId = "d0001", PointCount = 10, Centroid = { 1f, 2f } } },
    };

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
