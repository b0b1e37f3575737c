using MultiCluster.Clusters.Configuration;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Discovery.Domains;

/// <summary>
/// Proposes a cluster for each domain so that clusters fill evenly: domains largest first, each to the cluster that
/// would be least full, as a share of its capacity, after taking it. Specialization makes the real placement; this
/// is the starting point it is shown.
/// </summary>
internal static class ClusterProposer
{
    /// <summary>
    /// A cluster per domain (null for all when no cluster may take domains). Draining clusters take none. A cluster of
    /// unlimited capacity (0) counts as large as the largest limited one, or, when none is limited, all count alike and
    /// the points are balanced.
    /// </summary>
    public static ClusterRef?[] Propose(IReadOnlyList<(string Id, long Points)> domains, IReadOnlyList<ClusterOptions> clusters)
    {
        var open = clusters.Where(c => !c.Draining).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        var proposals = new ClusterRef?[domains.Count];
        if (open.Length == 0)
        {
            return proposals;
        }

        var largest = open.Max(c => c.CapacityPoints);
        var capacity = open.Select(c => (double)(c.CapacityPoints > 0 ? c.CapacityPoints : Math.Max(1, largest))).ToArray();
        var assigned = new long[open.Length];
        foreach (var d in Enumerable.Range(0, domains.Count).OrderByDescending(i => domains[i].Points).ThenBy(i => domains[i].Id, StringComparer.Ordinal))
        {
            var best = 0;
            for (var c = 1; c < open.Length; c++)
            {
                if ((assigned[c] + domains[d].Points) / capacity[c] < (assigned[best] + domains[d].Points) / capacity[best])
                {
                    best = c;
                }
            }

            assigned[best] += domains[d].Points;
            proposals[d] = new ClusterRef { Name = open[best].Name, Region = open[best].Region };
        }

        return proposals;
    }
}
