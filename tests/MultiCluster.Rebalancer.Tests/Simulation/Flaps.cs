using MultiCluster.Contracts.V1;

namespace MultiCluster.Rebalancer.Tests.Simulation;

/// <summary>A flap: a domain that moved again before its cooldown since its previous move had passed.</summary>
public static class Flaps
{
    public static int Count(IEnumerable<RebalancingRecord> history, TimeSpan cooldown) => history
        .Where(r => r.State == OperationState.Succeeded)
        .SelectMany(r => r.Moves.Select(m => (Domain: (m.Move.Library, m.Move.DomainId), At: r.StartedAt.ToDateTimeOffset())))
        .GroupBy(m => m.Domain)
        .Sum(g => g.OrderBy(m => m.At).Zip(g.OrderBy(m => m.At).Skip(1)).Count(pair => pair.Second.At - pair.First.At < cooldown));
}
