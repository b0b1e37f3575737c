using System.Globalization;
using MultiCluster.ServiceDefaults.Configuration;

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

    public static PlanningOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(RebalancerOptions.Section);
        var d = new PlanningOptions();
        var hysteresis = section[nameof(PlanHysteresis)] is { Length: > 0 } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= 1
                ? value
                : throw new InvalidOperationException($"{RebalancerOptions.Section}:{nameof(PlanHysteresis)}: '{text}' is not a number in [0, 1].")
            : d.PlanHysteresis;
        var options = new PlanningOptions
        {
            PlanHysteresis = hysteresis,
            DomainCooldown = Intervals.Read(section, nameof(DomainCooldown), d.DomainCooldown),
            PlanHorizon = Intervals.Read(section, nameof(PlanHorizon), d.PlanHorizon),
            AutoTick = Intervals.Read(section, nameof(AutoTick), d.AutoTick),
        };
        if (options.PlanHorizon <= TimeSpan.Zero || options.AutoTick <= TimeSpan.Zero || options.DomainCooldown < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{RebalancerOptions.Section}: PlanHorizon and AutoTick must be longer than zero, DomainCooldown not negative.");
        }

        return options;
    }
}
