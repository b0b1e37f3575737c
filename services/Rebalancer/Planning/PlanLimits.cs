using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Planning;

/// <summary>
/// What bounds a plan: the dimension evened out, the move and byte budgets (0 bytes = no limit), clusters that take no
/// part, domains still cooling down from their last move ("library/domain"), where to stop, and the least improvement
/// a move must bring (hysteresis).
/// </summary>
public sealed record PlanLimits(
    RebalancingType Type,
    int MaxMoves,
    long MaxBytes,
    IReadOnlySet<string> Forbidden,
    IReadOnlySet<string> Cooling,
    RebalancingTargets Targets,
    double Margin)
{
    public static string Key(string library, string domainId) => library + "/" + domainId;
}
