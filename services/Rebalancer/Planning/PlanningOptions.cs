namespace MultiCluster.Rebalancer.Planning;

/// <summary>
/// Planning's keys of the "Rebalancer" section: how much a move must improve the balance to be worth its copy, how long
/// a moved domain stays put, how far ahead the plan looks when a forecast is possible, and how often the auto mode
/// checks whether an evaluation is due.
/// </summary>
public sealed record PlanningOptions
{
    /// <summary>
    /// Least improvement of the objective (see README) a move must bring. Below it, near-balanced clusters would trade
    /// domains back and forth over noise in the load reports.
    /// </summary>
    public double PlanHysteresis { get; init; } = 0.05;

    /// <summary>A domain moved within this span is not moved again (the cooldown per domain).</summary>
    public TimeSpan DomainCooldown { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How far ahead the planned load is forecast; the history must reach back twice as far, else the load now is used.</summary>
    public TimeSpan PlanHorizon { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the auto loop wakes to see whether an evaluation is due (evaluations follow the stored interval).</summary>
    public TimeSpan AutoTick { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>These options, or a stop naming what is out of range.</summary>
    public PlanningOptions Validated()
    {
        RebalancerSection.Require(PlanHysteresis >= 0 && PlanHysteresis <= 1, "PlanHysteresis must be a number in [0, 1].");
        RebalancerSection.Require(PlanHorizon > TimeSpan.Zero && AutoTick > TimeSpan.Zero && DomainCooldown >= TimeSpan.Zero,
            "PlanHorizon and AutoTick must be longer than zero, DomainCooldown not negative.");
        return this;
    }
}
