using System.Globalization;
using MultiCluster.Rebalancer.Tests.Simulation;

// Arguments (run.sh passes them from its knobs): points, domains, queries/s, day length in seconds, days, phases per day.
var settings = new SimulationSettings
{
    Points = Int(0, 16_000),
    Domains = Int(1, 16),
    QueriesPerSecond = Int(2, 60),
    DayLength = TimeSpan.FromSeconds(Int(3, 240)),
    Days = Int(4, 3),
    PhasesPerDay = Int(5, 4),
};
void Progress(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

Progress($"starting the mesh: four LocalClusters, Discovery, Specialization, the Orchestrator, the Rebalancer");
await using var mesh = await SimulationMesh.StartAsync(settings);
var library = await SimulatedLibrary.BuildAsync(mesh, "rebalancing-bench", settings, Progress);
Progress($"{settings.Days} days of {settings.DayLength.TotalSeconds:F0} s, {settings.PhasesPerDay} phases each, {settings.QueriesPerSecond} queries/s, Zipf s = {settings.ZipfExponent}; day 0 without rebalancing");
using var bound = new CancellationTokenSource(settings.DayLength * settings.Days + TimeSpan.FromMinutes(3));
var figures = await new Simulation(mesh, library, settings, Progress).RunAsync(bound.Token);
Console.WriteLine(figures.Line());

int Int(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
