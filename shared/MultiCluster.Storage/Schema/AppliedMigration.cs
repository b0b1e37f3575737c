namespace MultiCluster.Storage.Schema;

/// <summary>A row of the schema_version table: what was applied to this database, and when.</summary>
public sealed record AppliedMigration(string Module, int Version, string FileName, string Checksum, DateTimeOffset AppliedAt);
