using Npgsql;

namespace MultiCluster.Discovery.Storage;

/// <summary>
/// Discovery's tables in PostgreSQL (Migrations/0001_discovery.sql). Split by concern over partial files: maps,
/// history, settings and load. Protobuf messages are stored as bytes where they are read and written whole.
/// </summary>
public sealed partial class DiscoveryStore(NpgsqlDataSource dataSource, MultiCluster.Messaging.Outbox.OutboxWriter outbox)
{
    // PostgreSQL's unique_violation.
    private const string UniqueViolation = "23505";

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
