using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Grpc;

namespace MultiCluster.Rebalancer.Planning;

/// <summary>What EnableAutoRebalancing accepts: settings present, an evaluation interval from 1 s to 1 day (unset: 60 s), valid constraints.</summary>
public static class AutoSettingsRules
{
    public static readonly TimeSpan ShortestInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan LongestInterval = TimeSpan.FromDays(1);

    /// <summary>The settings with defaults resolved, or a refusal naming the field at fault.</summary>
    public static AutoRebalancingSettings Resolve(AutoRebalancingSettings? settings, IReadOnlyCollection<string> clusters)
    {
        if (settings is null)
        {
            throw RebalancerException.Invalid("settings: required; send enabled (and optionally evaluation_interval, use_predictions, plan_only, constraints).");
        }

        var interval = RequestTime.ReadDuration(settings.EvaluationInterval, "settings.evaluation_interval", out var problem) ?? AutoSettingsStore.DefaultInterval;
        if (problem is not null)
        {
            throw RebalancerException.Invalid(problem);
        }

        if (interval < ShortestInterval || interval > LongestInterval)
        {
            throw RebalancerException.Invalid($"settings.evaluation_interval: {interval} is out of range; give 1s to 1 day, or leave it unset for 60s.");
        }

        PlanConstraints.Read(settings.Constraints, "settings.constraints", clusters);
        var resolved = settings.Clone();
        resolved.EvaluationInterval = Duration.FromTimeSpan(interval);
        return resolved;
    }
}
