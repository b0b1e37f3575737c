using MultiCluster.Storage.Postgres;

namespace MultiCluster.Discovery.Storage;

public sealed partial class DiscoveryStore
{
    // Patterns first (they reference maps), maps last (their count is returned).
    private static readonly string[] ForgetStatements =
    [
        """
        DELETE FROM detected_patterns p USING domain_maps m
        WHERE p.library = @library AND m.library = p.library AND m.version = p.version AND m.created_at <= @at
        """,
        "DELETE FROM analyses WHERE library = @library AND started_at <= @at AND state NOT IN (1, 2)",
        "DELETE FROM thresholds WHERE library = @library AND updated_at <= @at",
        "DELETE FROM analysis_settings WHERE library = @library AND updated_at <= @at",
        "DELETE FROM domain_load WHERE library = @library AND received_at <= @at",
        "DELETE FROM domain_maps WHERE library = @library AND created_at <= @at",
    ];

    /// <summary>
    /// Deletes what Discovery keeps of a dropped library (maps with their patterns, finished analyses, its own settings
    /// and thresholds, its load), only what was made at or before <paramref name="droppedAt"/>: a library created again
    /// under the name keeps what it has made since. Deleting nothing is fine, so a repeated event changes nothing.
    /// Returns the number of map versions deleted.
    /// </summary>
    public async Task<int> ForgetLibraryAsync(string library, DateTimeOffset droppedAt, CancellationToken cancellationToken)
    {
        var deleted = await LibraryStatePurge.RunAsync(dataSource, ForgetStatements, library, droppedAt, cancellationToken);
        return deleted[^1];
    }
}
