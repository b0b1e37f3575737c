using System.Diagnostics.Metrics;
using MultiCluster.ServiceDefaults.Telemetry;

namespace MultiCluster.Specialization.Migrating;

/// <summary>The migrations area's wiring: its store, runner and the coordinator as the hosted service that resumes jobs.</summary>
public static class MigratingExtensions
{
    public static IServiceCollection AddMigrating(this IServiceCollection services)
    {
        services.AddSingleton<MigrationStore>();
        services.AddSingleton<MigrationSignal>();
        // Most migrations start from events, not RPCs: the RPC metrics cannot count them.
        services.AddSingleton(provider => new FinishedOperations(provider.GetRequiredService<IMeterFactory>(), "Specialization.Migrations",
            "specialization.migrations.finished", "{migration}", "Migrations that reached a final state, by state."));
        services.AddSingleton<MigrationJournal>();
        services.AddSingleton<MigrationAdmission>();
        services.AddSingleton<BatchCopier>();
        services.AddSingleton<SplitBatchWriter>();
        services.AddSingleton<UnassignedSplitter>();
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<MigrationCoordinator>());
        return services;
    }
}
