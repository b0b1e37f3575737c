using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Orchestrator.Fusion;
using V1 = MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Fanout;

/// <summary>Fan-out outcomes in the contract's terms: points with their cluster and domain, lists for fusion, failures by cluster.</summary>
public sealed class SearchResults(IClusterRegistry registry)
{
    public V1.ClusterRef Cluster(string name) =>
        new() { Name = name, Region = registry.Options.FirstOrDefault(o => o.Name == name)?.Region ?? "" };

    public V1.ScoredPoint Point(Clusters.ScoredPoint hit, string cluster, string domainId, IReadOnlyCollection<string> payloadFields)
    {
        ArgumentNullException.ThrowIfNull(hit);
        ArgumentNullException.ThrowIfNull(payloadFields);
        var point = new V1.ScoredPoint { Id = hit.Id, Score = hit.Score, RawScore = hit.Score, Cluster = Cluster(cluster), DomainId = domainId };
        point.Vector.Add(hit.Vector);
        if (hit.Payload is { } payload)
        {
            var kept = payloadFields.Count == 0 ? payload : new System.Text.Json.Nodes.JsonObject(
                payload.Where(p => payloadFields.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            point.Payload = Struct.Parser.ParseJson(kept.ToJsonString());
        }

        return point;
    }

    /// <summary>
    /// Whether the clusters must send vectors: when the client asked for them, or when the fusion compares them
    /// (SEMANTIC_MERGE drops near-identical vectors, which it cannot see without them).
    /// </summary>
    public static bool FetchVectors(bool asked, V1.FusionConfig fusion)
    {
        ArgumentNullException.ThrowIfNull(fusion);
        return asked || fusion.Algorithm == V1.FusionAlgorithm.SemanticMerge;
    }

    /// <summary>Clears the vectors fetched for fusion alone from points whose client did not ask for vectors.</summary>
    public static void DropVectors(bool asked, IEnumerable<V1.ScoredPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (!asked)
        {
            foreach (var point in points)
            {
                point.Vector.Clear();
            }
        }
    }

    /// <summary>One ranked list per successful outcome, labelled by <paramref name="source"/>.</summary>
    public RankedSource Source(FanoutOutcome outcome, string source, bool lowerIsBetter, IReadOnlyCollection<string> payloadFields)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var domain = outcome.Target.DomainIds.Count == 1 ? outcome.Target.DomainIds[0] : DomainOf(outcome.Target.Collection);
        return new RankedSource(source, [.. outcome.Points.Select(p => Point(p, outcome.Cluster, domain, payloadFields))], lowerIsBetter);
    }

    /// <summary>Failed outcomes grouped by the cluster first asked, with the domains whose results are missing.</summary>
    public IReadOnlyList<V1.ClusterFailure> Failures(IEnumerable<FanoutOutcome> failed) =>
    [
        .. failed.GroupBy(o => o.Target.Cluster, StringComparer.Ordinal).Select(group =>
        {
            var first = group.First();
            var failure = new V1.ClusterFailure { Cluster = Cluster(group.Key), Code = first.FailureCode!, Reason = first.FailureReason! };
            failure.DomainIds.AddRange(group.SelectMany(o => o.Target.DomainIds).Distinct(StringComparer.Ordinal));
            return failure;
        }),
    ];

    private static string DomainOf(string collection) => LibraryName.TrySplit(collection, out _, out var domain) ? domain : "";
}
