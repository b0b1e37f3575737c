using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults;
using MultiCluster.Specialization.Maps;

namespace MultiCluster.Specialization.Placement;

/// <summary>Placement's wiring: maps (stored, and fetched from Discovery), policies, planning and applying plans.</summary>
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
        return builder;
    }
}
