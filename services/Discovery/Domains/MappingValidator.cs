using System.Numerics.Tensors;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Clustering;
using static System.FormattableString;

namespace MultiCluster.Discovery.Domains;

/// <summary>
/// Scores a domain map on a fresh sample: each row goes to its nearest leaf centroid, as the Orchestrator would route
/// it, and the result is compared with what the map promised (radii, cohesion, sizes) and with where the rows are stored.
/// </summary>
public static class MappingValidator
{
    /// <summary>Radii are 95th percentiles, so about 95% of fresh rows should fall inside; below these the data has moved.</summary>
    public const double CoverageWarning = 0.9;
    public const double CoverageError = 0.75;

    public const double MisplacedWarning = 0.05;
    public const double MisplacedError = 0.2;

    /// <summary>The largest domain holding more than this many times the mean share is reported as imbalance.</summary>
    public const double ImbalanceFactor = 4;

    /// <summary>
    /// Two domains overlap when their centroids are less than this many spreads apart, a spread being the standard
    /// deviation of each domain's rows along the line joining the centroids (at 2, about 2% of each spill over the midpoint).
    /// </summary>
    public const double MinSeparation = 2;

    public const int SilhouetteSampleSize = 2000;

    /// <summary>Scores <paramref name="map"/> on a fresh sample of its library and lists what a person should fix.</summary>
    public static ValidateDomainMappingResponse Validate(DomainMap map, AnalysisSample fresh, DomainThresholds thresholds) =>
        Validate(map, fresh, thresholds, (rows, labels) => Silhouette.Score(rows, labels, SilhouetteSampleSize, 0));

    /// <summary>As the public overload, with the silhouette measured by <paramref name="silhouette"/>.</summary>
    internal static ValidateDomainMappingResponse Validate(DomainMap map, AnalysisSample fresh, DomainThresholds thresholds, Func<VectorSet, int[], double> silhouette)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(fresh);
        var resolved = ThresholdPolicy.Resolve(thresholds ?? new DomainThresholds());
        var rows = fresh.Vectors;
        var leaves = DomainHierarchy.Leaves(map).Where(d => d.Centroid.Count == rows.Dimension).ToList();
        if (rows.Count == 0 || leaves.Count == 0)
        {
            throw new ArgumentException(
                $"Validation needs fresh rows and a map with centroids of dimension {rows.Dimension}; got {rows.Count} rows and {leaves.Count} such domains.", nameof(fresh));
        }

        var routed = Route(rows, leaves, map.Distance);
        var quality = new MappingQuality
        {
            SampledPoints = (uint)rows.Count,
            Coverage = routed.Covered / (double)rows.Count,
            MeanCohesion = routed.Cohesion.Sum() / rows.Count,
            LargestDomainShare = routed.Counts.Max() / (double)rows.Count,
            MisplacedFraction = Misplaced(fresh.StoredDomains, routed.Labels, leaves),
            SilhouetteScore = leaves.Count < 2 ? 0 : silhouette(rows, routed.Labels),
        };

        var issues = new List<Issue>();
        DomainIssues(map, leaves, routed, rows.Count, resolved, issues);
        SeparationIssues(rows, leaves, routed, map.Distance, issues);
        MapIssues(quality, leaves.Count, resolved, issues);
        var response = new ValidateDomainMappingResponse { Version = map.Version, Quality = quality };
        response.Issues.Add(issues.OrderByDescending(i => i.Severity).ThenBy(i => i.Code, StringComparer.Ordinal).ThenBy(i => i.Subject, StringComparer.Ordinal));
        response.Valid = issues.TrueForAll(i => i.Severity != IssueSeverity.Error);
        return response;
    }

    private static Routing Route(VectorSet rows, List<Domain> leaves, Distance distance)
    {
        var centroids = leaves.Select(d => d.Centroid.ToArray()).ToArray();
        var routing = new Routing(new int[rows.Count], new double[rows.Count], new int[leaves.Count], new double[leaves.Count]);
        for (var i = 0; i < rows.Count; i++)
        {
            var best = 0;
            var bestDistance = double.MaxValue;
            for (var d = 0; d < centroids.Length; d++)
            {
                var dist = CentroidMath.Distance(rows[i], centroids[d], distance);
                if (dist < bestDistance)
                {
                    (best, bestDistance) = (d, dist);
                }
            }

            routing.Labels[i] = best;
            routing.Cohesion[i] = Math.Clamp(CentroidMath.Cosine(rows[i], centroids[best]), 0, 1);
            routing.Counts[best]++;
            routing.DomainCohesion[best] += routing.Cohesion[i];
            routing.Covered += bestDistance <= leaves[best].Radius ? 1 : 0;
        }

        return routing;
    }

    /// <summary>Rows whose nearest domain is not the one they are stored in, over the rows whose store is known; 0 when none is.</summary>
    private static double Misplaced(IReadOnlyList<string?>? stored, int[] labels, List<Domain> leaves)
    {
        if (stored is null)
        {
            return 0;
        }

        var known = 0;
        var misplaced = 0;
        for (var i = 0; i < Math.Min(stored.Count, labels.Length); i++)
        {
            if (stored[i] is { } domain)
            {
                known++;
                misplaced += domain == leaves[labels[i]].DomainId ? 0 : 1;
            }
        }

        return known == 0 ? 0 : misplaced / (double)known;
    }

    private static void DomainIssues(DomainMap map, List<Domain> leaves, Routing routed, int sampled, DomainThresholds resolved, List<Issue> issues)
    {
        for (var d = 0; d < leaves.Count; d++)
        {
            var id = leaves[d].DomainId;
            var share = routed.Counts[d] / (double)sampled;
            var estimate = map.TotalPoints > 0 ? share * map.TotalPoints : leaves[d].PointCount;
            if (share > resolved.MaxDomainShare)
            {
                issues.Add(Issue(IssueSeverity.Error, "DOMAIN_TOO_LARGE", id,
                    Invariant($"{id} draws {share:0%} of the fresh sample, above max_domain_share {resolved.MaxDomainShare:0%}: re-analyse with more domains (raise max_domains or k) so it splits, or raise the threshold.")));
            }
            else if (resolved.MaxDomainPoints > 0 && estimate > resolved.MaxDomainPoints)
            {
                issues.Add(Issue(IssueSeverity.Error, "DOMAIN_TOO_LARGE", id,
                    Invariant($"{id} holds about {estimate:N0} points by the fresh sample, above max_domain_points {resolved.MaxDomainPoints:N0}: re-analyse with more domains so it splits, or raise the threshold.")));
            }

            if (estimate < resolved.MinDomainPoints)
            {
                issues.Add(Issue(IssueSeverity.Warning, "DOMAIN_TOO_SMALL", id,
                    Invariant($"{id} draws {routed.Counts[d]:N0} of {sampled:N0} fresh points (about {estimate:N0} in the library), below min_domain_points {resolved.MinDomainPoints:N0}: re-analyse so it merges into its nearest neighbour, or lower the threshold.")));
            }

            var cohesion = routed.Counts[d] == 0 ? double.NaN : routed.DomainCohesion[d] / routed.Counts[d];
            if (cohesion < resolved.MinCohesion)
            {
                issues.Add(Issue(cohesion < resolved.MinCohesion / 2 ? IssueSeverity.Error : IssueSeverity.Warning, "LOW_COHESION", id,
                    Invariant($"{id} has cohesion {cohesion:0.00} on the fresh sample, below min_cohesion {resolved.MinCohesion:0.00}: re-analyse with more domains so it splits into tighter ones.")));
            }
        }
    }

    /// <summary>
    /// Pairs of domains whose rows mix. Comparing centroid distance with the radii would flag nearly every pair in
    /// high dimension (a member's distance to its centroid grows with √dimension, the gap between centroids does not);
    /// the spread of the rows along the line between the two centroids is what decides whether they can be told apart.
    /// </summary>
    private static void SeparationIssues(VectorSet rows, List<Domain> leaves, Routing routed, Distance distance, List<Issue> issues)
    {
        var centroids = leaves.Select(d => d.Centroid.ToArray()).ToArray();
        var axis = new float[rows.Dimension];
        for (var a = 0; a < leaves.Count; a++)
        {
            for (var b = a + 1; b < leaves.Count; b++)
            {
                if (routed.Counts[a] < 2 || routed.Counts[b] < 2)
                {
                    continue;
                }

                TensorPrimitives.Subtract(centroids[b], centroids[a], axis);
                var gap = (double)TensorPrimitives.Norm(axis);
                var spread = Spread(rows, routed.Labels, a, axis, gap) + Spread(rows, routed.Labels, b, axis, gap);
                if (gap < MinSeparation * spread)
                {
                    var (ida, idb) = (leaves[a].DomainId, leaves[b].DomainId);
                    var subject = routed.Counts[a] <= routed.Counts[b] ? ida : idb;
                    issues.Add(Issue(IssueSeverity.Warning, "POOR_SEPARATION", subject,
                        Invariant($"{ida} and {idb} overlap: their centroids are {CentroidMath.Distance(centroids[a], centroids[b], distance):0.###} apart, only {gap / Math.Max(spread, 1e-12):0.00} spreads of their members (at least {MinSeparation:0.#} wanted): re-analyse with fewer domains so they merge, or expect queries near the boundary to need both.")));
                }
            }
        }
    }

    /// <summary>Standard deviation of one domain's rows projected on the axis between two centroids.</summary>
    private static double Spread(VectorSet rows, int[] labels, int domain, float[] axis, double gap)
    {
        if (gap <= 0)
        {
            return 0;
        }

        var (n, sum, squares) = (0, 0.0, 0.0);
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] == domain)
            {
                var t = TensorPrimitives.Dot(rows[i], axis) / gap;
                (n, sum, squares) = (n + 1, sum + t, squares + (t * t));
            }
        }

        var mean = sum / n;
        return Math.Sqrt(Math.Max(0, (squares / n) - (mean * mean)));
    }

    private static void MapIssues(MappingQuality quality, int domains, DomainThresholds resolved, List<Issue> issues)
    {
        if (quality.Coverage < CoverageWarning)
        {
            issues.Add(Issue(quality.Coverage < CoverageError ? IssueSeverity.Error : IssueSeverity.Warning, "LOW_COVERAGE", "",
                Invariant($"Only {quality.Coverage:0%} of fresh points lie within their nearest domain's radius (about 95% expected): the data has moved since the map was made; re-analyse the library.")));
        }

        if (quality.MisplacedFraction > MisplacedWarning)
        {
            issues.Add(Issue(quality.MisplacedFraction > MisplacedError ? IssueSeverity.Error : IssueSeverity.Warning, "MISPLACED_POINTS", "",
                Invariant($"{quality.MisplacedFraction:0%} of fresh points are stored in another domain than the map assigns them (at most {MisplacedWarning:0%} expected): specialize the library again so points move to their domains, or re-analyse if the map is stale.")));
        }

        if (domains >= 2 && quality.LargestDomainShare > ImbalanceFactor / domains && quality.LargestDomainShare <= resolved.MaxDomainShare)
        {
            issues.Add(Issue(IssueSeverity.Warning, "IMBALANCED_DOMAINS", "",
                Invariant($"The largest domain draws {quality.LargestDomainShare:0%} of the fresh sample, more than {ImbalanceFactor:0} times the mean share of {1.0 / domains:0%}: re-analyse with more domains so it splits, or expect its cluster to carry most of the load.")));
        }

        if (resolved.MinSilhouette != 0 && quality.SilhouetteScore < resolved.MinSilhouette)
        {
            issues.Add(Issue(IssueSeverity.Warning, "LOW_SILHOUETTE", "",
                Invariant($"The silhouette on the fresh sample is {quality.SilhouetteScore:0.00}, below min_silhouette {resolved.MinSilhouette:0.00}: domains are poorly separated; re-analyse with another strategy or number of domains.")));
        }
    }

    private static Issue Issue(IssueSeverity severity, string code, string subject, string message) =>
        new() { Severity = severity, Code = code, Subject = subject, Message = message };

    /// <summary>Where the fresh rows went: nearest domain, cohesion per row, and per-domain totals.</summary>
    private sealed record Routing(int[] Labels, double[] Cohesion, int[] Counts, double[] DomainCohesion)
    {
        public int Covered { get; set; }
    }
}
