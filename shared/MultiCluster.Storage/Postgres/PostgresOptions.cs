using System.ComponentModel.DataAnnotations;

namespace MultiCluster.Storage.Postgres;

/// <summary>The service's own PostgreSQL database (configuration section "Postgres"): one database per service.</summary>
public sealed record PostgresOptions
{
    public const string Section = "Postgres";

    /// <summary>Npgsql connection string, e.g. "Host=127.0.0.1;Port=5432;Database=discovery;Username=discovery".</summary>
    [Required]
    public string ConnectionString { get; init; } = "";

    /// <summary>Create the database at start when it does not exist (local runs); needs CREATEDB rights.</summary>
    public bool CreateDatabaseIfMissing { get; init; }

    /// <summary>How long a starting instance waits for another one that is migrating the same database.</summary>
    public TimeSpan MigrationLockTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
