using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using MultiCluster.Storage.Schema;
using Npgsql;

namespace MultiCluster.Storage.Postgres;

/// <summary>Registers the service's PostgreSQL database: one data source, migrated at start.</summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Adds an <see cref="NpgsqlDataSource"/> for the "Postgres" section and migrates the database at host start
    /// (the storage module, then each module added with <see cref="AddMigrations"/>, in that order).
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(PostgresOptions.Section).Get<PostgresOptions>() ?? new PostgresOptions();
        return services.AddPostgresStorage(options);
    }

    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, PostgresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfInvalid(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(provider => new NpgsqlDataSourceBuilder(options.ConnectionString)
            .UseLoggerFactory(provider.GetRequiredService<ILoggerFactory>())
            .ConfigureTracing(PostgresTracing.Configure)
            .Build());
        services.AddSingleton(MigrationSource.Storage);
        services.TryAddSingleton<DatabaseCreator>();
        services.TryAddSingleton(provider => new DatabaseMigrator(
            provider.GetRequiredService<NpgsqlDataSource>(),
            provider.GetServices<MigrationSource>().Distinct(),
            provider.GetRequiredService<ILogger<DatabaseMigrator>>()) { LockTimeout = options.MigrationLockTimeout });
        services.AddHostedService<MigrationHostedService>();
        return services;
    }

    /// <summary>Adds a module's migrations (the service's own tables), applied after the storage module's.</summary>
    public static IServiceCollection AddMigrations(this IServiceCollection services, MigrationSource source)
    {
        services.AddSingleton(source);
        return services;
    }

    private static void ThrowIfInvalid(PostgresOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        if (results.Count == 0)
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                return;
            }
            catch (ArgumentException exception)
            {
                results.Add(new ValidationResult(exception.Message));
            }
        }

        throw new InvalidOperationException(
            $"Invalid {PostgresOptions.Section}:ConnectionString ({string.Join("; ", results.Select(r => r.ErrorMessage))}): " +
            "set it to an Npgsql connection string such as Host=127.0.0.1;Port=5432;Database=discovery;Username=discovery.");
    }
}
