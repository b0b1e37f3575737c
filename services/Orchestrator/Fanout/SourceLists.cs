using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Fusion;

namespace MultiCluster.Orchestrator.Fanout;

/// <summary>
/// Outcomes gathered into one list per source (a cluster for cross-cluster queries, a domain for domain searches):
/// several collections of a cluster, or both sides of a moving domain, merged by score into one ranked list. A missing
/// "unassigned" collection is an empty answer (<see cref="FanoutOutcome.Answered"/>), not a failure of its source.
/// </summary>
public sealed class SourceLists(SearchResults results)
{
    public (List<RankedSource> Lists, List<SourceResult> Sources) Gather(
        IReadOnlyList<FanoutOutcome> outcomes, Func<FanoutOutcome, string> sourceOf, int limit, bool lowerIsBetter, IReadOnlyCollection<string> payloadFields)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var lists = new List<RankedSource>();
        var sources = new List<SourceResult>();
        foreach (var group in outcomes.GroupBy(sourceOf, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var answered = group.Where(o => o.Succeeded).ToList();
            var points = answered
                .SelectMany(o => results.Source(o, group.Key, lowerIsBetter, payloadFields).Points)
                .OrderBy(p => lowerIsBetter ? p.Score : -p.Score)
                .ThenBy(p => p.Id, StringComparer.Ordinal)
                .DistinctBy(p => p.Id)
                .Take(limit)
                .ToList();
            if (answered.Count > 0)
            {
                lists.Add(new RankedSource(group.Key, points, lowerIsBetter));
            }

            var first = group.First();
            var source = new SourceResult
            {
                Source = group.Key,
                Cluster = results.Cluster(answered.FirstOrDefault()?.Cluster ?? first.Target.Cluster),
                TookMs = group.Max(o => o.TookMs),
                Failure = group.FirstOrDefault(o => !o.Answered) is { } failed ? results.Failures([failed])[0] : null,
            };
            source.Points.AddRange(points);
            sources.Add(source);
        }

        return (lists, sources);
    }
}
