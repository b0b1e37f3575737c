using MultiCluster.Clusters;
using MultiCluster.Specialization.Migrating;
using Npgsql;

namespace MultiCluster.Specialization.Replicas;

/// <summary>
/// The collections that migrations still use (Migrations/0004_migrations.sql), which are never orphans whatever the
/// routing table says: both ends of every job that is not terminal, and a moved domain's source until its grace period
/// has passed. Read from the table rather than the coordinator so it holds for jobs of every host.
/// </summary>
public sealed class MigrationCollections(NpgsqlDataSource dataSource)
{
    /// <summary>(cluster, collection) pairs in use, and the libraries a split is running in (it creates collections before routing names them).</summary>
    public async Task<CollectionsInUse> InUseAsync(string library, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT library, domain_id, kind, source_cluster, target_cluster FROM migrations
            WHERE (@library = '' OR library = @library) AND (state IN (1, 2, 3) OR cleanup_after > now())
            """);
        command.Parameters.AddWithValue("library", library);
        var copies = new HashSet<(string Cluster, string Collection)>();
        var splitting = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (name, domain) = (reader.GetString(0), reader.GetString(1));
            if (reader.GetInt16(2) == (short)MigrationKind.Split)
            {
                splitting.Add(name);
            }

            var collection = LibraryName.Collection(name, domain);
            copies.Add((reader.GetString(3), collection));
            copies.Add((reader.GetString(4), collection));
        }

        return new CollectionsInUse(copies, splitting);
    }
}
