using MultiCluster.Contracts.V1;
using static System.FormattableString;

namespace MultiCluster.Discovery.Domains;

/// <summary>
/// Changes between two versions of a library's domain map, read from the maps alone (centroids, counts, radii). Ids
/// are stable across versions (<see cref="DomainMapBuilder"/>), so a domain with the same id in both is the same
/// domain; a fresh id near an old domain that lost points is a piece split off it; an id that vanished near a domain
/// that gained points was merged into it. Patterns are taken over leaf domains (parents aggregate them).
/// </summary>
public static class PatternDetector
{
    /// <summary>Relative change of a domain's count reported as growth or decline (25%).</summary>
    public const double CountChangeRatio = 0.25;

    /// <summary>Changes from <paramref name="older"/> to <paramref name="newer"/> (drift, growth, decline, splits, merges, emergence, disappearance).</summary>
    public static IReadOnlyList<DetectedPattern> Compare(DomainMap older, DomainMap newer, DomainThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var resolved = ThresholdPolicy.Resolve(thresholds ?? new DomainThresholds());
        var comparison = new Comparison(older, newer, resolved.DriftDistance);
        var patterns = new List<DetectedPattern>();
        foreach (var (o, n) in comparison.Continuing)
        {
            Drift(comparison, o, n, patterns);
            Growth(comparison, o, n, patterns);
        }

        var explained = new HashSet<string>(StringComparer.Ordinal);
        Splits(comparison, explained, patterns);
        Merges(comparison, explained, patterns);
        foreach (var n in comparison.Fresh.Where(n => !explained.Contains(n.DomainId)))
        {
            var share = Share(n, newer);
            patterns.Add(Pattern(PatternKind.Emergence, [n.DomainId], share, PatternConfidence.Presence(comparison.NewMembers(n)),
                Invariant($"{n.DomainId} appeared with {n.PointCount:N0} points ({share:0.#%} of the library)")));
        }

        foreach (var o in comparison.Gone.Where(o => !explained.Contains(o.DomainId)))
        {
            var share = Share(o, older);
            patterns.Add(Pattern(PatternKind.Disappearance, [o.DomainId], share, PatternConfidence.Presence(comparison.OldMembers(o)),
                Invariant($"{o.DomainId} disappeared; it held {o.PointCount:N0} points ({share:0.#%} of the library)")));
        }

        foreach (var pattern in patterns)
        {
            pattern.FromVersion = older.Version;
            pattern.ToVersion = newer.Version;
            pattern.DetectedAt = newer.CreatedAt?.Clone();
        }

        // One comparison detects everything at the same time; kind, then domain, keeps the order stable.
        return patterns
            .OrderByDescending(p => p.DetectedAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue)
            .ThenBy(p => p.Kind)
            .ThenBy(p => p.DomainIds[0], StringComparer.Ordinal)
            .ToList();
    }

    private static void Drift(Comparison c, Domain o, Domain n, List<DetectedPattern> patterns)
    {
        var moved = CentroidMath.Distance(o, n, c.Distance);
        if (!(moved > c.DriftDistance))
        {
            return;
        }

        // The domain it came closest toward: the one whose distance to it shrank the most.
        var toward = c.Newer
            .Where(d => d.DomainId != n.DomainId && d.Centroid.Count == n.Centroid.Count)
            .Select(d => (d.DomainId, Closer: CentroidMath.Distance(o, d, c.Distance) - CentroidMath.Distance(n, d, c.Distance)))
            .Where(d => d.Closer > 0)
            .OrderByDescending(d => d.Closer)
            .Select(d => d.DomainId)
            .FirstOrDefault();
        var confidence = PatternConfidence.Movement(
            VectorSpace.ToEuclidean(moved, c.Distance),
            VectorSpace.ToEuclidean(o.Radius, c.Distance), c.OldMembers(o),
            VectorSpace.ToEuclidean(n.Radius, c.Distance), c.NewMembers(n));
        var description = toward is null
            ? Invariant($"{n.DomainId} moved {moved:0.00} away from every other domain")
            : Invariant($"{n.DomainId} moved {moved:0.00} toward {toward}");
        patterns.Add(Pattern(PatternKind.Drift, toward is null ? [n.DomainId] : [n.DomainId, toward], moved, confidence, description));
    }

    private static void Growth(Comparison c, Domain o, Domain n, List<DetectedPattern> patterns)
    {
        var change = ((double)n.PointCount - o.PointCount) / Math.Max(1, o.PointCount);
        if (Math.Abs(change) <= CountChangeRatio)
        {
            return;
        }

        var confidence = PatternConfidence.CountChange(o.PointCount, c.OlderMap.TotalPoints, c.OlderMap.SampledPoints, n.PointCount, c.NewerMap.TotalPoints, c.NewerMap.SampledPoints);
        patterns.Add(change > 0
            ? Pattern(PatternKind.Growth, [n.DomainId], change, confidence, Invariant($"{n.DomainId} grew {change:+0%} from {o.PointCount:N0} to {n.PointCount:N0} points"))
            : Pattern(PatternKind.Decline, [n.DomainId], -change, confidence, Invariant($"{n.DomainId} shrank {-change:0%} from {o.PointCount:N0} to {n.PointCount:N0} points")));
    }

    /// <summary>An old domain with several successors: its pieces under fresh ids, and itself gone or shrunken.</summary>
    private static void Splits(Comparison c, HashSet<string> explained, List<DetectedPattern> patterns)
    {
        foreach (var group in c.Fresh.GroupBy(n => c.NearestOld(n)?.DomainId).Where(g => g.Key is not null))
        {
            var old = c.OldById[group.Key!];
            var same = c.NewById.GetValueOrDefault(old.DomainId);
            var pieces = group.OrderBy(p => p.DomainId, StringComparer.Ordinal).ToList();
            if (same is null ? pieces.Count < 2 : same.PointCount >= old.PointCount * (1 - CountChangeRatio))
            {
                continue;
            }

            var successors = (same is null ? pieces : [same, .. pieces]).ToList();
            explained.UnionWith(pieces.Select(p => p.DomainId));
            explained.Add(old.DomainId);
            patterns.Add(Pattern(PatternKind.Split, [old.DomainId, .. successors.Select(s => s.DomainId)], successors.Count,
                successors.Min(s => PatternConfidence.Presence(c.NewMembers(s))),
                Invariant($"{old.DomainId} split into {string.Join(", ", successors.Select(s => s.DomainId))}")));
        }
    }

    /// <summary>Old domains that vanished into one successor: a fresh one, or a continuing one that grew.</summary>
    private static void Merges(Comparison c, HashSet<string> explained, List<DetectedPattern> patterns)
    {
        foreach (var group in c.Gone.Where(o => !explained.Contains(o.DomainId)).GroupBy(o => c.NearestNew(o)?.DomainId).Where(g => g.Key is not null))
        {
            var successor = c.NewById[group.Key!];
            var same = c.OldById.GetValueOrDefault(successor.DomainId);
            var merged = group.OrderBy(o => o.DomainId, StringComparer.Ordinal).ToList();
            if (same is null ? merged.Count < 2 : successor.PointCount <= same.PointCount * (1 + CountChangeRatio))
            {
                continue;
            }

            explained.UnionWith(merged.Select(m => m.DomainId));
            explained.Add(successor.DomainId);
            var all = same is null ? merged : [same, .. merged];
            patterns.Add(Pattern(PatternKind.Merge, [successor.DomainId, .. merged.Select(m => m.DomainId)], all.Count,
                merged.Min(m => PatternConfidence.Presence(c.OldMembers(m))),
                Invariant($"{string.Join(", ", all.Select(m => m.DomainId))} merged into {successor.DomainId}")));
        }
    }

    private static double Share(Domain d, DomainMap map) => map.TotalPoints == 0 ? 0 : (double)d.PointCount / map.TotalPoints;

    private static DetectedPattern Pattern(PatternKind kind, IEnumerable<string> ids, double magnitude, double confidence, string description)
    {
        var pattern = new DetectedPattern { Kind = kind, Magnitude = magnitude, Confidence = confidence, Description = description };
        pattern.DomainIds.Add(ids);
        return pattern;
    }

    /// <summary>The two maps' leaf domains, paired by id, with the distances the patterns are judged by.</summary>
    private sealed class Comparison
    {
        public Comparison(DomainMap older, DomainMap newer, double driftDistance)
        {
            OlderMap = older;
            NewerMap = newer;
            Distance = newer.Distance;
            DriftDistance = driftDistance;
            Older = DomainHierarchy.Leaves(older);
            Newer = DomainHierarchy.Leaves(newer);
            OldById = Older.ToDictionary(d => d.DomainId, StringComparer.Ordinal);
            NewById = Newer.ToDictionary(d => d.DomainId, StringComparer.Ordinal);
            Continuing = Newer.Where(n => OldById.ContainsKey(n.DomainId)).Select(n => (OldById[n.DomainId], n)).ToList();
            Fresh = Newer.Where(n => !OldById.ContainsKey(n.DomainId)).ToList();
            Gone = Older.Where(o => !NewById.ContainsKey(o.DomainId)).ToList();
        }

        public DomainMap OlderMap { get; }

        public DomainMap NewerMap { get; }

        public Distance Distance { get; }

        public double DriftDistance { get; }

        public List<Domain> Older { get; }

        public List<Domain> Newer { get; }

        public Dictionary<string, Domain> OldById { get; }

        public Dictionary<string, Domain> NewById { get; }

        public List<(Domain Old, Domain New)> Continuing { get; }

        public List<Domain> Fresh { get; }

        public List<Domain> Gone { get; }

        public double OldMembers(Domain d) => PatternConfidence.SampledMembers(d.PointCount, OlderMap.SampledPoints, OlderMap.TotalPoints);

        public double NewMembers(Domain d) => PatternConfidence.SampledMembers(d.PointCount, NewerMap.SampledPoints, NewerMap.TotalPoints);

        /// <summary>The old domain nearest a new one, if the new centroid lies within its reach (radius, or twice the drift distance).</summary>
        public Domain? NearestOld(Domain n) => Nearest(n, Older);

        /// <summary>The new domain nearest an old one, within the new domain's reach.</summary>
        public Domain? NearestNew(Domain o) => Nearest(o, Newer);

        private Domain? Nearest(Domain from, List<Domain> candidates) => candidates
            .Select(d => (Domain: d, Distance: CentroidMath.Distance(from, d, Distance)))
            .Where(d => d.Distance <= Math.Max(2 * DriftDistance, d.Domain.Radius))
            .OrderBy(d => d.Distance)
            .ThenBy(d => d.Domain.DomainId, StringComparer.Ordinal)
            .Select(d => d.Domain)
            .FirstOrDefault();
    }
}
