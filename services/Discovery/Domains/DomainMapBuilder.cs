using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Clustering;

namespace MultiCluster.Discovery.Domains;

/// <summary>
/// Turns a clustering of a sample into a domain map: one domain per cluster, its counts extrapolated to the whole
/// library, described by keywords, proposed to a cluster, and named by ids that persist across versions. With a
/// hierarchical result, parent clusters become domains too (see <see cref="DomainHierarchy"/>): leaves name them in
/// parent_domain_id, and they carry the aggregate count of their children but no proposed cluster, since points are
/// stored in the leaves.
/// </summary>
public static class DomainMapBuilder
{
    /// <summary>
    /// The domains of a clustering as a map: library, dimension, distance, domains (ids stable against
    /// <paramref name="previous"/>), sampled and total points, unassigned fraction, silhouette. The caller sets
    /// version, previous version, strategy, operation id, creation time and whether it is published.
    /// </summary>
    public static DomainMap Build(LibraryShape library, AnalysisSample sample, ClusteringResult result, DomainMap? previous, DomainBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var silhouette = result.ClusterCount < 2
            ? 0
            : Silhouette.Score(sample.Vectors, result.Labels, options.SilhouetteSampleSize, options.Seed);
        return Build(library, sample, result, previous, options, silhouette);
    }

    /// <summary>
    /// Stamps a map with the time it is stored: the map's creation time, every domain's update time, and the creation
    /// time of domains that first appear in it (continuing domains keep theirs from the previous map).
    /// </summary>
    public static void Stamp(DomainMap map, DateTimeOffset storedAt)
    {
        ArgumentNullException.ThrowIfNull(map);
        var at = Timestamp.FromDateTimeOffset(storedAt);
        map.CreatedAt = at;
        foreach (var domain in map.Domains)
        {
            domain.UpdatedAt = at;
            domain.CreatedAt ??= at;
        }
    }

    /// <summary>As the public overload, with the silhouette already measured.</summary>
    internal static DomainMap Build(LibraryShape library, AnalysisSample sample, ClusteringResult result, DomainMap? previous, DomainBuildOptions options, double silhouette)
    {
        ArgumentNullException.ThrowIfNull(library);
        var rows = sample.Vectors;
        if (rows.Count == 0 || result.Labels.Length != rows.Count || sample.Payloads.Count != rows.Count || rows.Dimension != library.Dimension)
        {
            throw new ArgumentException(
                $"The sample ({rows.Count} rows of dimension {rows.Dimension}, {sample.Payloads.Count} payloads) must be non-empty, match the " +
                $"{result.Labels.Length} labels and the library's dimension {library.Dimension}.", nameof(sample));
        }

        var members = Enumerable.Range(0, result.ClusterCount).Select(_ => new List<int>()).ToArray();
        var unassigned = 0L;
        for (var i = 0; i < rows.Count; i++)
        {
            if (result.Labels[i] == ClusteringResult.Unassigned)
            {
                unassigned++;
            }
            else
            {
                members[result.Labels[i]].Add(i);
            }
        }

        // Vectors given inline stand for themselves when the library's size is not known.
        var total = library.TotalPoints > 0 ? library.TotalPoints : rows.Count;
        var counts = LargestRemainder.Apportion([.. members.Select(m => (long)m.Count), unassigned], total);
        var payloadBytes = sample.Payloads.Select(p => p is null ? 0 : Encoding.UTF8.GetByteCount(p.ToJsonString())).ToArray();

        var leaves = new List<Draft>();
        for (var c = 0; c < members.Length; c++)
        {
            leaves.Add(Describe(rows, members[c], result.Centroids[c], counts[c], payloadBytes, library.Distance));
        }

        var parents = Parents(rows, result, members, leaves, payloadBytes, library.Distance);
        Keywords(leaves, sample.Payloads, options.KeywordFields);
        Keywords(parents, sample.Payloads, options.KeywordFields);

        var previousParents = previous is null ? [] : DomainHierarchy.ParentIds(previous);
        var previousDomains = previous?.Domains.ToList() ?? [];
        var lineage = new DomainLineage(previousDomains.Select(d => d.DomainId).Concat(options.RetiredDomainIds), library.Distance, options.DriftDistance);
        Name(leaves, lineage, previousDomains.Where(d => !previousParents.Contains(d.DomainId)).ToList());
        Name(parents, lineage, previousDomains.Where(d => previousParents.Contains(d.DomainId)).ToList());

        var proposals = ClusterProposer.Propose(leaves.Select(l => (l.Id, l.Count)).ToList(), options.Clusters);
        var map = new DomainMap
        {
            Library = library.Name,
            Dimension = (uint)library.Dimension,
            Distance = library.Distance,
            SampledPoints = (ulong)rows.Count,
            TotalPoints = (ulong)total,
            UnassignedFraction = (double)unassigned / rows.Count,
            SilhouetteScore = silhouette,
        };
        var previousById = previousDomains.ToDictionary(d => d.DomainId, StringComparer.Ordinal);
        for (var c = 0; c < leaves.Count; c++)
        {
            var parent = result.ParentOf is { } parentOf && parentOf[c] >= 0 ? parents[parentOf[c]].Id : "";
            map.Domains.Add(ToDomain(leaves[c], parent, proposals[c], previousById, map.TotalPoints));
        }

        // A parent no cluster points to has nothing to describe.
        foreach (var p in result.ParentOf?.Where(p => p >= 0).Distinct() ?? [])
        {
            map.Domains.Add(ToDomain(parents[p], "", null, previousById, map.TotalPoints));
        }

        var ordered = map.Domains.OrderBy(d => d.DomainId, StringComparer.Ordinal).ToList();
        map.Domains.Clear();
        map.Domains.Add(ordered);
        return map;
    }

    private static Draft Describe(VectorSet rows, List<int> members, ReadOnlySpan<float> mean, long count, int[] payloadBytes, Distance distance)
    {
        var centroid = CentroidMath.ForMap(mean, distance);
        var spread = MemberSpread.Of(rows, members, centroid, distance);
        var meanPayload = members.Count == 0 ? 0 : members.Average(m => payloadBytes[m]);
        var bytes = (ulong)Math.Round(count * ((4.0 * rows.Dimension) + meanPayload));
        return new Draft(members, centroid, count, bytes, spread);
    }

    private static List<Draft> Parents(VectorSet rows, ClusteringResult result, List<int>[] members, List<Draft> leaves, int[] payloadBytes, Distance distance)
    {
        if (result.ParentOf is not { } parentOf)
        {
            return [];
        }

        var parentCount = result.ParentCentroids?.Count ?? (parentOf.Length == 0 ? 0 : parentOf.Max() + 1);
        var parents = new List<Draft>();
        for (var p = 0; p < parentCount; p++)
        {
            var children = Enumerable.Range(0, leaves.Count).Where(c => parentOf[c] == p).ToList();
            var union = children.SelectMany(c => members[c]).Order().ToList();
            var mean = result.ParentCentroids is { } given ? given[p].ToArray() : CentroidMath.Mean(rows, union);
            var draft = Describe(rows, union, mean, children.Sum(c => leaves[c].Count), payloadBytes, distance);
            parents.Add(draft with { Bytes = (ulong)children.Sum(c => (decimal)leaves[c].Bytes) });
        }

        return parents;
    }

    private static void Keywords(List<Draft> drafts, IReadOnlyList<JsonObject?> payloads, IReadOnlyList<string> fields)
    {
        var keywords = KeywordExtractor.Extract(drafts.Select(d => (IReadOnlyList<JsonObject?>)d.Members.Select(m => payloads[m]).ToList()).ToList(), fields);
        for (var i = 0; i < drafts.Count; i++)
        {
            drafts[i].Keywords = keywords[i];
        }
    }

    /// <summary>Ids from the previous map where the lineage matches; fresh ones to the rest, largest domains first.</summary>
    private static void Name(List<Draft> drafts, DomainLineage lineage, List<Domain> previous)
    {
        var matched = lineage.Match(drafts.Select(d => d.Centroid).ToList(), previous);
        for (var i = 0; i < drafts.Count; i++)
        {
            drafts[i].Id = matched[i] ?? "";
        }

        foreach (var draft in drafts.Where(d => d.Id.Length == 0).OrderByDescending(d => d.Count).ToList())
        {
            draft.Id = lineage.NextId();
        }
    }

    private static Domain ToDomain(Draft draft, string parent, ClusterRef? proposed, Dictionary<string, Domain> previous, ulong totalPoints)
    {
        var domain = new Domain
        {
            DomainId = draft.Id,
            PointCount = (ulong)draft.Count,
            SizeBytes = draft.Bytes,
            Cohesion = draft.Spread.Cohesion,
            Radius = draft.Spread.Radius,
            ProposedCluster = proposed,
            ParentDomainId = parent,
            CreatedAt = previous.GetValueOrDefault(draft.Id)?.CreatedAt?.Clone(),
        };
        domain.Centroid.Add(draft.Centroid);
        domain.Keywords.Add(draft.Keywords);
        domain.Label = DomainLabeler.Label(domain.DomainId, draft.Keywords);
        domain.Description = DomainLabeler.Describe(domain, totalPoints);
        return domain;
    }

    /// <summary>A domain while the map is being built: measured first, named last.</summary>
    private sealed record Draft(List<int> Members, float[] Centroid, long Count, ulong Bytes, MemberSpread Spread)
    {
        public string Id { get; set; } = "";

        public string[] Keywords { get; set; } = [];
    }
}
