using Microsoft.AspNetCore.Builder;
using MultiCluster.ServiceDefaults.Health;
using MultiCluster.ServiceDefaults.Storage;
using MultiCluster.Storage.Postgres;
using MultiCluster.Storage.Schema;

namespace MultiCluster.ServiceDefaults;

/// <summary>The service's own PostgreSQL database, for the services that keep state (Discovery, Specialization, Rebalancer).</summary>
public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// The "Postgres" section's database, migrated at start (the storage module's tables, the outbox among them, then
    /// <paramref name="modules"/> in order), and a "postgres" readiness check. Call before AddServiceMessaging, which
    /// adds the outbox relay when the service has a database.
    /// </summary>
    public static WebApplicationBuilder AddServiceDatabase(this WebApplicationBuilder builder, params MigrationSource[] modules)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(modules);
        builder.Services.AddPostgresStorage(builder.Configuration);
        foreach (var module in modules)
        {
            builder.Services.AddMigrations(module);
        }

        builder.Services.AddReadinessCheck<PostgresReadinessCheck>("postgres");
        return builder;
    }
}
