using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Tests.Simulation;

/// <summary>
/// The settings automatic rebalancing runs with in the simulation: the day is compressed into minutes, so are the
/// sustain duration, the cooldowns and the evaluation interval; the load imbalance threshold is the one that keeps
/// max/mean near 1.2 with four clusters.
/// </summary>
public static class AutoRebalancing
{
    /// <summary>How long a domain stays where a move put it; a move within it is a flap.</summary>
    public static readonly TimeSpan DomainCooldown = TimeSpan.FromSeconds(60);

    public static async Task EnableAsync(RebalancerService.RebalancerServiceClient rebalancer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rebalancer);
        await rebalancer.SetRebalancingThresholdsAsync(new SetRebalancingThresholdsRequest
        {
            Thresholds = new RebalancingThresholds
            {
                MaxLoadImbalance = 0.1,
                SustainDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
                Cooldown = Duration.FromTimeSpan(TimeSpan.FromSeconds(15)),
                MaxMovesPerRun = 4,
                MaxConcurrentMoves = 2,
            },
            UpdateMask = new FieldMask { Paths = { "max_load_imbalance", "sustain_duration", "cooldown", "max_moves_per_run", "max_concurrent_moves" } },
        }, cancellationToken: cancellationToken);
        await rebalancer.EnableAutoRebalancingAsync(new EnableAutoRebalancingRequest
        {
            Settings = new AutoRebalancingSettings { Enabled = true, EvaluationInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) },
        }, cancellationToken: cancellationToken);
    }
}
