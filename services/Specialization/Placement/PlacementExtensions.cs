using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging;
using MultiCluster.ServiceDefaults;
using MultiCluster.Specialization.Events;
using MultiCluster.Specialization.History;
using MultiCluster.Specialization.Maps;

namespace MultiCluster.Specialization.Placement;

/// <summary>Placement's wiring: maps (stored, and fetched from Discovery), policies, planning, applying plans and its queue, status, history, and the handlers of "domains.discovered" and "library.dropped".</summary>
public static class PlacementExtensions
{
    public static WebApplicationBuilder AddPlacement(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceClient<DiscoveryService.DiscoveryServiceClient>("discovery");
        var services = builder.Services;
        services.AddSingleton<DomainMapStore>();
        services.AddSingleton<PolicyStore>();
        services.AddSingleton<PolicyEditor>();
        services.AddSingleton<InventoryReader>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<PlacementPlanning>();
        services.AddSingleton<SpecializationStore>();
        services.AddSingleton<MigrationPump>();
        services.AddHostedService(provider => provider.GetRequiredService<MigrationPump>());
        services.AddSingleton<Specializer>();
        services.AddSingleton<StatusReader>();
        services.AddSingleton<HistoryReader>();
        services.AddSingleton<DroppedLibraries>();
        services.AddEventHandler<DomainsDiscoveredHandler>(Topics.DomainsDiscovered);
        services.AddEventHandler<LibraryDroppedHandler>(Topics.LibraryDropped);
        return builder;
    }
}
