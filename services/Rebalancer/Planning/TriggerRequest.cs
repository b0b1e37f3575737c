using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Planning;

/// <summary>TriggerRebalancing's request read and checked on its own: each refusal names its field and says what to give.</summary>
public sealed record TriggerRequest(
    string Library, bool DryRun, bool Force, uint MaxMoves, string Reason, string RequestId, RebalancingType Type, RebalancingPriority Priority,
    PlanConstraints Constraints, RebalancingTargets Targets)
{
    public const uint MostMoves = 100;

    public static TriggerRequest Read(TriggerRebalancingRequest request, IReadOnlyCollection<string> clusters)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Library.Length > 0 && !LibraryName.IsValid(request.Library))
        {
            throw RebalancerException.Invalid($"library: '{request.Library}' is not a library name; use lowercase letters, digits, '-' and '_', or leave it empty for all libraries.");
        }

        if (request.MaxMoves > MostMoves)
        {
            throw RebalancerException.Invalid($"max_moves: {request.MaxMoves} is out of range; give 1 to {MostMoves}, or 0 for the thresholds' max_moves_per_run.");
        }

        if (!Enum.IsDefined(request.Type))
        {
            throw RebalancerException.Invalid($"type: {(int)request.Type} is not a rebalancing type; use REBALANCING_TYPE_LOAD, _LATENCY, _CAPACITY, _DOMAIN or _HYBRID, or leave it unset.");
        }

        if (!Enum.IsDefined(request.Priority))
        {
            throw RebalancerException.Invalid($"priority: {(int)request.Priority} is not a priority; use REBALANCING_PRIORITY_LOW, _NORMAL or _HIGH, or leave it unset.");
        }

        if (request.Reason.Length > 1000 || request.RequestId.Length > 200)
        {
            var field = request.Reason.Length > 1000 ? "reason" : "request_id";
            throw RebalancerException.Invalid($"{field}: too long; keep reason within 1000 characters and request_id within 200.");
        }

        var targets = request.Targets ?? new RebalancingTargets();
        Target("targets.max_load_ratio", targets.MaxLoadRatio, 1, 100);
        Target("targets.max_load_imbalance", targets.MaxLoadImbalance, 0, 10);
        Target("targets.max_size_imbalance", targets.MaxSizeImbalance, 0, 10);
        var constraints = PlanConstraints.Read(request.Constraints, "constraints", clusters);
        return new TriggerRequest(request.Library, request.DryRun, request.Force, request.MaxMoves, request.Reason, request.RequestId,
            request.Type, request.Priority, constraints, targets);
    }

    private static void Target(string field, double value, double min, double max)
    {
        if (value != 0 && (!double.IsFinite(value) || value < min || value > max))
        {
            throw RebalancerException.Invalid($"{field}: {value} is out of range; give a value from {min} to {max}, or 0 for no target.");
        }
    }
}
