namespace MultiCluster.Rebalancer.Tests.Simulation;

/// <summary>
/// One simulated run: a library of <see cref="Points"/> Fashion-MNIST images in <see cref="Domains"/> domains over the
/// clusters, and a query load of <see cref="QueriesPerSecond"/> through the Orchestrator whose domains follow a Zipf law
/// of exponent <see cref="ZipfExponent"/>. A day lasts <see cref="DayLength"/> and holds <see cref="PhasesPerDay"/>
/// phases; each phase ranks the domains differently (the hot ones shift as the day goes), the same phases every day.
/// Day 0 runs with automatic rebalancing off (the "before"); it is on from day 1, and the last day is the "after".
/// </summary>
public sealed record SimulationSettings
{
    public int Points { get; init; } = 16_000;

    public int Domains { get; init; } = 16;

    public double ZipfExponent { get; init; } = 1.0;

    public int QueriesPerSecond { get; init; } = 60;

    public int Concurrency { get; init; } = 8;

    public TimeSpan DayLength { get; init; } = TimeSpan.FromMinutes(4);

    public int Days { get; init; } = 3;

    public int PhasesPerDay { get; init; } = 4;

    /// <summary>How often the per-cluster request rates are read for the max/mean ratio.</summary>
    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an operator's dashboard asks for a forecast (each one is scored when its time comes).</summary>
    public TimeSpan ForecastEvery { get; init; } = TimeSpan.FromSeconds(10);

    public int Seed { get; init; } = 7;

    public TimeSpan Phase => DayLength / PhasesPerDay;
}
