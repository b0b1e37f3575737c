using MultiCluster.Contracts.V1;
using MultiCluster.Messaging;
using MultiCluster.Messaging.CloudEvents;
using MultiCluster.Messaging.Outbox;
using MultiCluster.Specialization.History;
using MultiCluster.Specialization.Routing;
using MultiCluster.TestInfrastructure;
using Npgsql;

namespace MultiCluster.Specialization.Tests.Routing;

/// <summary>
/// Routing versions written by the test process straight into the host's database through the real
/// <see cref="RoutingTableStore"/> (as placement and migrations would), for tests of what reads the routing tables.
/// The host sees them at its next poll.
/// </summary>
internal sealed class RoutingRows : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public RoutingRows(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        var history = new HistoryStore(_dataSource);
        var outbox = new OutboxWriter(new CloudEventFactory(new MessagingOptions { ServiceName = "specialization" }, TimeProvider.System));
        Store = new RoutingTableStore(_dataSource, outbox, history, new RoutingSignal(), TimeProvider.System);
    }

    public RoutingTableStore Store { get; }

    public NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Routes <paramref name="domainId"/> to <paramref name="primary"/> and <paramref name="replicas"/>, as a placed domain.</summary>
    public Task<RoutingTable> PlaceAsync(string library, string domainId, string primary, params string[] replicas) =>
        PutAsync(library, RouteEntries.Placed(library, domainId, primary, replicas));

    /// <summary>Puts the entry (replacing its domain's) as a new version.</summary>
    public Task<RoutingTable> PutAsync(string library, RouteEntry entry) =>
        Store.ChangeAsync(library, new RoutingEdit($"test: {entry.DomainId}", table =>
        {
            RouteEntries.Put(table, entry);
            return [entry.DomainId];
        }), CancellationToken.None).Within();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
