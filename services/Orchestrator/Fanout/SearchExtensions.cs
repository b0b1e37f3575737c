using MultiCluster.Orchestrator.Metrics;
using MultiCluster.Orchestrator.Routing;

namespace MultiCluster.Orchestrator.Fanout;

/// <summary>The query side's wiring: router, calibration, fan-out and the searches built on them.</summary>
public static class SearchExtensions
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<ClusterGuards>();
        services.AddSingleton<ClusterConditions>();
        services.AddSingleton<FanoutExecutor>();
        services.AddSingleton<SearchResults>();
        services.AddSingleton<SourceLists>();
        services.AddSingleton<QueryInputs>();
        services.AddSingleton<LibraryPolicies>();
        services.AddSingleton<RoutingCalibrations>();
        services.AddSingleton<IRoutingCalibrations>(provider => provider.GetRequiredService<RoutingCalibrations>());
        services.AddSingleton<CalibrationStore>();
        services.AddSingleton<UnassignedPresence>();
        services.AddSingleton<RoutePlanner>();
        services.AddSingleton<QueryRoutes>();
        services.AddSingleton<SearchPipeline>();
        services.AddSingleton<TargetedSearches>();
        services.AddSingleton<RoutingSettingsEditor>();
        services.AddSingleton<RoutingCalibrator>();
        services.AddHostedService(provider => provider.GetRequiredService<RoutingCalibrator>());
        return builder;
    }
}
