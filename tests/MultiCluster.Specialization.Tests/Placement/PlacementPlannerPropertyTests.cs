using Google.Protobuf;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Placement;
using Xunit;

namespace MultiCluster.Specialization.Tests.Placement;

/// <summary>What every plan must satisfy, over 300 random inputs (seeded, so a failure names its seed).</summary>
public sealed class PlacementPlannerPropertyTests
{
    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        foreach (var seed in Enumerable.Range(1, 300))
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void NoClusterEndsAboveItsFillLimit(int seed)
    {
        var input = PlanningInputs.Random(seed);
        var plan = PlacementPlanner.Plan(input).Plan;

        foreach (var cluster in input.Clusters.Where(c => c.CapacityPoints > 0))
        {
            var held = cluster.BasePoints + plan.Placements.Where(p => p.DomainId != "unassigned" && Holds(p, cluster.Name)).Sum(p => (long)p.PointCount);
            Assert.True(held <= Math.Floor(cluster.CapacityPoints * input.Policy.MaxFillRatio + 1e-9),
                $"seed {seed}: {cluster.Name} holds {held} of {cluster.CapacityPoints} at max fill {input.Policy.MaxFillRatio}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ReplicasAreDistinctAndNeverBesideThePrimary(int seed)
    {
        var plan = PlacementPlanner.Plan(PlanningInputs.Random(seed)).Plan;

        foreach (var placement in plan.Placements)
        {
            var names = placement.Replicas.Select(r => r.Name).Append(placement.Primary.Name).ToList();
            Assert.Equal(names.Count, names.Distinct().Count());
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TheSameInputInAnyOrderGivesTheSamePlan(int seed)
    {
        var input = PlanningInputs.Random(seed);
        var shuffle = new Random(seed + 1_000);
        var shuffled = input with
        {
            Domains = [.. input.Domains.OrderBy(_ => shuffle.Next())],
            Clusters = [.. input.Clusters.OrderBy(_ => shuffle.Next())],
            Current = [.. input.Current.OrderBy(_ => shuffle.Next())],
        };

        var first = PlacementPlanner.Plan(input);
        var second = PlacementPlanner.Plan(shuffled);

        Assert.Equal(first.Plan.ToByteArray(), second.Plan.ToByteArray());
        Assert.Equal(first.Issues, second.Issues);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void PinsAreHonouredOrReported(int seed)
    {
        var input = PlanningInputs.Random(seed);
        var result = PlacementPlanner.Plan(input);

        foreach (var (domain, cluster) in input.Pins)
        {
            var placement = result.Plan.Placements.SingleOrDefault(p => p.DomainId == domain);
            if (placement is null)
            {
                Assert.Contains(result.Issues, i => i.Subject == domain && i.Severity == IssueSeverity.Error && i.Message.Contains(cluster, StringComparison.Ordinal));
            }
            else
            {
                Assert.Equal(cluster, placement.Primary.Name);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void DrainingDownAndExcludedClustersAreNeverChosen(int seed)
    {
        var input = PlanningInputs.Random(seed);
        var plan = PlacementPlanner.Plan(input).Plan;
        var unusable = input.Clusters.Where(c => c.Draining || !c.Healthy || !(input.Candidates?.Contains(c.Name) ?? true)).Select(c => c.Name).ToHashSet();

        foreach (var placement in plan.Placements.Where(p => p.DomainId != "unassigned"))
        {
            Assert.DoesNotContain(placement.Primary.Name, unusable);
            Assert.DoesNotContain(placement.Replicas, r => unusable.Contains(r.Name));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryDomainIsPlacedWithAReasonOrNamedInAnError(int seed)
    {
        var input = PlanningInputs.Random(seed);
        var result = PlacementPlanner.Plan(input);

        foreach (var domain in input.Domains)
        {
            var placement = result.Plan.Placements.SingleOrDefault(p => p.DomainId == domain.DomainId);
            Assert.True(placement is { Reason.Length: > 10 } || result.Issues.Any(i => i.Subject == domain.DomainId && i.Severity == IssueSeverity.Error),
                $"seed {seed}: {domain.DomainId} is neither placed with a reason nor named in an error");
        }

        Assert.Equal(result.Plan.Placements.Select(p => p.DomainId).Order(StringComparer.Ordinal), result.Plan.Placements.Select(p => p.DomainId));
    }

    private static bool Holds(MultiCluster.Contracts.V1.Placement placement, string cluster) =>
        placement.Primary.Name == cluster || placement.Replicas.Any(r => r.Name == cluster);
}
