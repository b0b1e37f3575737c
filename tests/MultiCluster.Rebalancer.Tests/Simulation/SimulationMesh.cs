using System.Globalization;
using MultiCluster.TestInfrastructure;

namespace MultiCluster.Rebalancer.Tests.Simulation;

/// <summary>
/// The mesh a simulation runs on: four LocalClusters and the four services, with the intervals a compressed day needs
/// (load reported every 2 s, read over 10 s, forecast on 5 s buckets with a season of one simulated day).
/// </summary>
public static class SimulationMesh
{
    public static readonly string[] Clusters = ["local-a", "local-b", "local-c", "local-d"];

    public static Task<ServiceMesh> StartAsync(SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ServiceMesh.StartAsync(Clusters, ServiceMesh.AllServices, service => Settings(service, settings));
    }

    private static IEnumerable<(string Key, string Value)> Settings(string service, SimulationSettings settings)
    {
        yield return ("Logging__LogLevel__Default", "Warning");
        var own = service switch
        {
            // No scheduled analyses: the one the simulation asks for is the only one.
            "Discovery" => [("Discovery__ReanalysisInterval", "0s")],
            "Specialization" => [("Specialization__WatchPollInterval", "250ms"), ("Specialization__CleanupGracePeriod", "1s")],
            "Orchestrator" => [("Orchestrator__LoadReportInterval", "2s")],
            "Rebalancer" =>
            [
                ("Rebalancer__CurrentLoadWindow", "10s"),
                ("Rebalancer__ForecastBucket", "5s"),
                ("Rebalancer__SeasonLength", string.Create(CultureInfo.InvariantCulture, $"{(int)settings.DayLength.TotalSeconds}s")),
                ("Rebalancer__SizeSampleInterval", "5s"),
                ("Rebalancer__MaintenanceInterval", "5s"),
                // A domain stays put as long as the simulation counts a move back as a flap.
                ("Rebalancer__DomainCooldown", string.Create(CultureInfo.InvariantCulture, $"{(int)AutoRebalancing.DomainCooldown.TotalSeconds}s")),
            ],
            _ => Array.Empty<(string, string)>(),
        };
        foreach (var setting in own)
        {
            yield return setting;
        }
    }
}
