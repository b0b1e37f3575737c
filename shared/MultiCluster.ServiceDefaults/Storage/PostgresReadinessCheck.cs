using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace MultiCluster.ServiceDefaults.Storage;

/// <summary>Ready while the service's database answers a query (a pooled connection, one round trip).</summary>
public sealed class PostgresReadinessCheck(NpgsqlDataSource database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            return HealthCheckResult.Unhealthy(
                $"PostgreSQL at {server.Host}:{server.Port} (database '{server.Database}') does not answer: {e.Message} Start it, or fix Postgres:ConnectionString.");
        }
    }
}
