using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging;
using MultiCluster.ServiceDefaults;

namespace MultiCluster.Orchestrator.Snapshots;

public static class SnapshotExtensions
{
    /// <summary>The routing snapshots, their Redis copy, and what keeps them current.</summary>
    public static WebApplicationBuilder AddSnapshots(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceClient<SpecializationService.SpecializationServiceClient>("specialization");
        builder.AddServiceClient<DiscoveryService.DiscoveryServiceClient>("discovery");
        var services = builder.Services;
        services.AddSingleton<RoutingSnapshots>();
        services.AddSingleton<SnapshotCache>();
        services.AddSingleton<SnapshotRefresher>();
        services.AddHostedService(provider => provider.GetRequiredService<SnapshotRefresher>());
        services.AddEventHandler<SnapshotNudgeHandler>(Topics.RoutingChanged);
        services.AddEventHandler<SnapshotNudgeHandler>(Topics.DomainsDiscovered);
        return builder;
    }
}
