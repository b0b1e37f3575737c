using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Placement;

namespace MultiCluster.Specialization.Tests.Placement;

/// <summary>Planner inputs: small hand-made ones, and random ones from a seed for the property tests.</summary>
internal static class PlanningInputs
{
    public static readonly ResolvedPolicy Balanced = new(OptimizationStrategy.Balanced, 0, 0.85, [], 2, 500);

    public static ClusterCapacity Cluster(string name, long capacity = 0, string region = "", long basePoints = 0, bool draining = false, bool healthy = true, double rate = 0) =>
        new(name, region, capacity, 0, basePoints, basePoints * 16, draining, healthy, rate);

    public static DomainDemand Domain(string id, long points, string proposed = "", double rate = 0) => new(id, points, points * 16, proposed, rate);

    public static PlanningInput Input(
        IReadOnlyList<DomainDemand> domains,
        IReadOnlyList<ClusterCapacity> clusters,
        ResolvedPolicy? policy = null,
        OptimizationStrategy strategy = OptimizationStrategy.Unspecified,
        IReadOnlyList<CurrentPlacement>? current = null,
        IReadOnlyDictionary<string, string>? pins = null,
        IReadOnlySet<string>? candidates = null,
        long unassigned = 0)
    {
        policy ??= Balanced;
        return new PlanningInput("lib", 3, domains, clusters, current ?? [], policy, policy.StrategyFor(strategy),
            pins ?? new Dictionary<string, string>(), candidates, clusters[0].Name, unassigned, unassigned * 16);
    }

    /// <summary>A random but valid input: base load and "unassigned" within every limit, pins on usable clusters.</summary>
    public static PlanningInput Random(int seed)
    {
        var random = new Random(seed);
        var regions = new[] { "eu-1", "us-2", "" };
        var clusters = Enumerable.Range(0, random.Next(1, 7)).Select(i =>
        {
            var capacity = random.Next(4) == 0 ? 0 : random.Next(1_000, 100_000);
            return Cluster($"c{i}", capacity, regions[random.Next(regions.Length)], capacity == 0 ? random.Next(5_000) : random.Next(capacity / 4),
                draining: random.Next(6) == 0, healthy: random.Next(8) != 0, rate: random.Next(50));
        }).ToList();
        var domains = Enumerable.Range(0, random.Next(0, 25))
            .Select(i => Domain($"d{i:D2}", random.Next(1, 20_000), random.Next(3) == 0 ? $"c{random.Next(clusters.Count)}" : "", random.Next(100)))
            .ToList();
        var strategies = new[] { OptimizationStrategy.Balanced, OptimizationStrategy.Latency, OptimizationStrategy.Recall, OptimizationStrategy.Memory, OptimizationStrategy.Throughput };
        var policy = new ResolvedPolicy(
            strategies[random.Next(strategies.Length)], random.Next(3), (random.Next(50, 101)) / 100.0,
            random.Next(2) == 0 ? [] : ["eu-1"], 2, 500);
        var usable = clusters.Where(c => !c.Draining && c.Healthy).ToList();
        var pins = new Dictionary<string, string>();
        foreach (var domain in domains.Where(_ => usable.Count > 0 && random.Next(5) == 0))
        {
            pins[domain.DomainId] = usable[random.Next(usable.Count)].Name;
        }

        var current = domains.Where(_ => random.Next(3) == 0)
            .Select(d => new CurrentPlacement(d.DomainId, clusters[random.Next(clusters.Count)].Name, []))
            .ToList();
        IReadOnlySet<string>? candidates = random.Next(3) == 0 ? clusters.Where(_ => random.Next(2) == 0).Select(c => c.Name).Concat(pins.Values).ToHashSet() : null;
        return new PlanningInput("lib", 7, domains, clusters, current, policy, policy.Strategy, pins, candidates, clusters[0].Name, 0, 0);
    }
}
