using MultiCluster.ServiceDefaults;
using MultiCluster.Specialization.History;
using MultiCluster.Specialization.Maps;
using MultiCluster.Specialization.Migrating;
using MultiCluster.Specialization.Placement;
using MultiCluster.Specialization.Replicas;
using MultiCluster.Specialization.Routing;
using MultiCluster.Specialization.Tuning;
using MultiCluster.Storage.Schema;

namespace MultiCluster.Specialization.Extensions;

/// <summary>Specialization's own wiring: its database module and, area by area, its logic, schedules and event handlers.</summary>
public static class SpecializationExtensions
{
    /// <summary>Specialization's tables (Migrations/*.sql embedded in this assembly).</summary>
    public static readonly MigrationSource Migrations = new("specialization", typeof(SpecializationExtensions).Assembly);

    public static WebApplicationBuilder AddSpecialization(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDatabase(Migrations);
        builder.AddServiceMessaging();
        var services = builder.Services;
        services.AddSingleton(SpecializationOptions.Read(builder.Configuration));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HistoryStore>();
        services.AddSingleton<RoutingSignal>();
        services.AddSingleton<RoutingTableStore>();
        services.AddSingleton<DomainMapSource>();
        services.AddSingleton<MigrationCoordinator>();
        services.AddReplicas();
        services.AddTuning();
        builder.AddPlacement();
        services.AddMigrating();
        return builder;
    }
}
