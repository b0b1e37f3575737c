using MultiCluster.Orchestrator.Caching;
using MultiCluster.Orchestrator.Fanout;
using MultiCluster.Orchestrator.Fusion;
using MultiCluster.Orchestrator.Ingest;
using MultiCluster.Orchestrator.Libraries;
using MultiCluster.Orchestrator.Metrics;
using MultiCluster.Orchestrator.Snapshots;
using MultiCluster.ServiceDefaults;
using MultiCluster.Storage.Redis;
using MultiCluster.Storage.Schema;

namespace MultiCluster.Orchestrator.Extensions;

/// <summary>The Orchestrator's own wiring: its database module and, area by area, its logic, schedules and event handlers.</summary>
public static class OrchestratorExtensions
{
    /// <summary>The Orchestrator's tables (Migrations/*.sql embedded in this assembly).</summary>
    public static readonly MigrationSource Migrations = new("orchestrator", typeof(OrchestratorExtensions).Assembly);

    public static WebApplicationBuilder AddOrchestrator(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDatabase(Migrations);
        builder.AddServiceMessaging();
        var services = builder.Services;
        // The result cache and the routing snapshot's copy live in Redis under every transport, Dapr's included.
        services.AddRedis(builder.Configuration);
        services.AddSingleton(OrchestratorOptions.Read(builder.Configuration));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LibraryCatalog>();
        services.AddSingleton<LibrarySettingsStore>();
        services.AddSingleton<LibraryLifecycle>();
        builder.AddSnapshots();
        services.AddFusion();
        services.AddCaching();
        services.AddQueryMetrics();
        builder.AddSearch();
        services.AddIngest();
        return builder;
    }
}
