using MultiCluster.Contracts;
using MultiCluster.Discovery.Analysis;
using MultiCluster.Discovery.Configuration;
using MultiCluster.Discovery.Events;
using MultiCluster.Discovery.Grpc;
using MultiCluster.Discovery.History;
using MultiCluster.Discovery.Libraries;
using MultiCluster.Discovery.Maps;
using MultiCluster.Discovery.Scheduling;
using MultiCluster.Discovery.Storage;
using MultiCluster.Discovery.Watching;
using MultiCluster.Messaging;
using MultiCluster.ServiceDefaults;
using MultiCluster.Storage.Schema;

namespace MultiCluster.Discovery.Extensions;

/// <summary>Discovery's own wiring: its database module, logic, schedule and event handlers.</summary>
public static class DiscoveryExtensions
{
    /// <summary>Discovery's tables (Migrations/*.sql embedded in this assembly).</summary>
    public static readonly MigrationSource Migrations = new("discovery", typeof(DiscoveryExtensions).Assembly);

    /// <summary>
    /// Everything Discovery runs on: the service database with its tables, messaging with the outbox, the logic
    /// classes, the analysis coordinator (which marks interrupted analyses at start and cancels running ones at
    /// stop), the re-analysis schedule and the handlers of "domains.reanalysis_requested", "cluster.load" and
    /// "library.dropped".
    /// </summary>
    public static WebApplicationBuilder AddDiscovery(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDatabase(Migrations);
        builder.AddServiceMessaging();
        var services = builder.Services;
        services.AddSingleton(DiscoveryOptions.Read(builder.Configuration));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LibraryCatalog>();
        services.AddSingleton<DiscoveryStore>();
        services.AddSingleton<MapPublicationSignal>();
        services.AddSingleton<ThresholdsProvider>();
        services.AddSingleton<DiscoveryMetrics>();
        services.AddSingleton<AnalysisRunner>();
        services.AddSingleton<AnalysisCoordinator>();
        services.AddHostedService(provider => provider.GetRequiredService<AnalysisCoordinator>());
        services.AddSingleton<DomainMapReader>();
        services.AddSingleton<DomainMapWatcher>();
        services.AddSingleton<DomainInsights>();
        services.AddSingleton<DiscoverySettingsEditor>();
        services.AddSingleton<AnalysisHistoryReader>();
        services.AddSingleton<DiscoveryRequestValidator>();
        services.AddSingleton<ReanalysisScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<ReanalysisScheduler>());
        services.AddEventHandler<ReanalysisRequestedHandler>(Topics.ReanalysisRequested);
        services.AddEventHandler<ClusterLoadHandler>(Topics.ClusterLoad);
        services.AddEventHandler<LibraryDroppedHandler>(Topics.LibraryDropped);
        return builder;
    }
}
