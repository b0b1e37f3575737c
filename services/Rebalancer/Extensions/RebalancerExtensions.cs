using System.Diagnostics.Metrics;
using MultiCluster.Contracts;
using MultiCluster.Contracts.V1;
using MultiCluster.Messaging;
using MultiCluster.Rebalancer.Analysis;
using MultiCluster.Rebalancer.Events;
using MultiCluster.Rebalancer.Execution;
using MultiCluster.Rebalancer.Forecasting;
using MultiCluster.Rebalancer.Planning;
using MultiCluster.Rebalancer.Sampling;
using MultiCluster.Rebalancer.Storage;
using MultiCluster.Rebalancer.Thresholds;
using MultiCluster.ServiceDefaults;
using MultiCluster.ServiceDefaults.Telemetry;
using MultiCluster.Storage.Schema;

namespace MultiCluster.Rebalancer.Extensions;

/// <summary>The Rebalancer's own wiring: its database module, its stores, analysis, forecasting, schedules and the load handler.</summary>
public static class RebalancerExtensions
{
    /// <summary>The Rebalancer's tables (Migrations/*.sql embedded in this assembly).</summary>
    public static readonly MigrationSource Migrations = new("rebalancer", typeof(RebalancerExtensions).Assembly);

    public static WebApplicationBuilder AddRebalancer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDatabase(Migrations);
        builder.AddServiceMessaging();
        // Moves are executed by Specialization, which also holds the routing tables the planner reads placements from.
        builder.AddServiceClient<SpecializationService.SpecializationServiceClient>("specialization");
        var services = builder.Services;
        services.AddRebalancerOptions(builder.Configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ThresholdRules>();
        services.AddSingleton<ThresholdStore>();
        services.AddSingleton<LoadStore>();
        services.AddSingleton<SizeStore>();
        services.AddSingleton<ForecastStore>();
        services.AddSingleton<ForecastBreachStore>();
        services.AddSingleton<BreachScorer>();
        services.AddSingleton<Downsampler>();
        services.AddSingleton<ImbalanceAnalyzer>();
        services.AddSingleton<LoadDistribution>();
        services.AddSingleton<MetricsReader>();
        services.AddSingleton<NeedsPredictor>();
        services.AddSingleton<AccuracyScorer>();
        services.AddSingleton<RunSignal>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<RebalancingRuns>();
        services.AddSingleton<MoveExecutor>();
        services.AddSingleton<AdaptiveMigrations>();
        services.AddSingleton<KeptPlanStore>();
        services.AddSingleton<RebalancingHistory>();
        services.AddSingleton<RunWatcher>();
        // Automatic runs start without an RPC: the RPC metrics cannot tell a failing rebalancing.
        services.AddSingleton(provider => new FinishedOperations(provider.GetRequiredService<IMeterFactory>(), "Rebalancer",
            "rebalancer.runs.finished", "{run}", "Rebalancing runs that reached a final state, by state."));
        services.AddHostedService<RunExecutor>();
        services.AddSingleton<PlanInputReader>();
        services.AddSingleton<PlanMaker>();
        services.AddSingleton<RebalancingGate>();
        services.AddSingleton<ManualRebalancing>();
        services.AddSingleton<AutoSettingsStore>();
        services.AddSingleton<AutoRebalancer>();
        services.AddHostedService(sp => sp.GetRequiredService<AutoRebalancer>());
        services.AddSingleton<AutoMode>();
        services.AddHostedService<SizeSampler>();
        services.AddHostedService<MaintenanceSchedule>();
        services.AddEventHandler<ClusterLoadHandler>(Topics.ClusterLoad);
        return builder;
    }
}
