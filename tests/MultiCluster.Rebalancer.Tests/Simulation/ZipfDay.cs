namespace MultiCluster.Rebalancer.Tests.Simulation;

/// <summary>
/// Which domain a query of a given moment is about: a Zipf law over the domains, whose ranking shifts with the phase
/// of the day (phase p ranks the domains of the base order rotated by p times a quarter of them, so each phase has
/// other hot domains), the same every day.
/// </summary>
public sealed class ZipfDay
{
    private readonly IReadOnlyList<string> _baseOrder;
    private readonly double[] _cumulative;
    private readonly SimulationSettings _settings;

    public ZipfDay(IReadOnlyList<string> domains, SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        var random = new Random(settings.Seed);
        _baseOrder = [.. domains.Order(StringComparer.Ordinal).OrderBy(_ => random.Next())];
        var weights = Enumerable.Range(1, domains.Count).Select(rank => 1 / Math.Pow(rank, settings.ZipfExponent)).ToArray();
        var total = weights.Sum();
        var sum = 0.0;
        _cumulative = [.. weights.Select(w => sum += w / total)];
    }

    /// <summary>The phase of the day at <paramref name="elapsed"/> since the simulation began.</summary>
    public int PhaseAt(TimeSpan elapsed) => (int)(elapsed.Ticks % _settings.DayLength.Ticks / _settings.Phase.Ticks);

    /// <summary>The domains of a phase, hottest first.</summary>
    public IReadOnlyList<string> Ranking(int phase)
    {
        var shift = phase * Math.Max(1, _baseOrder.Count / 4) % _baseOrder.Count;
        return [.. _baseOrder.Skip(shift).Concat(_baseOrder.Take(shift))];
    }

    /// <summary>A domain drawn by the Zipf law of the phase at <paramref name="elapsed"/>.</summary>
    public string Draw(TimeSpan elapsed, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var rank = Array.BinarySearch(_cumulative, random.NextDouble());
        return Ranking(PhaseAt(elapsed))[Math.Min(rank < 0 ? ~rank : rank, _cumulative.Length - 1)];
    }
}
