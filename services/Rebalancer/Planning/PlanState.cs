using MultiCluster.Rebalancer.Analysis;

namespace MultiCluster.Rebalancer.Planning;

/// <summary>
/// The planner's working copy of the clusters: rates, points, bytes and domain copies per cluster, and where each
/// domain's copies are, changed move by move (and back, to try one). Clusters are kept in name order so every visit
/// is deterministic.
/// </summary>
internal sealed class PlanState
{
    private readonly Dictionary<string, PlanCluster> _clusters;
    private readonly Dictionary<string, double> _rate;
    private readonly Dictionary<string, long> _points;
    private readonly Dictionary<string, long> _bytes;
    private readonly Dictionary<string, int> _count;
    private readonly Dictionary<PlanDomain, List<string>> _holders;
    private readonly Dictionary<PlanDomain, Dictionary<string, double>> _domainRate;
    private readonly HashSet<PlanDomain> _moved = [];
    private readonly bool _byFill;

    public PlanState(PlanInputs inputs)
    {
        _clusters = inputs.Clusters.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Names = [.. inputs.Clusters.Select(c => c.Name).Order(StringComparer.Ordinal)];
        _rate = inputs.Clusters.ToDictionary(c => c.Name, c => c.RequestRate, StringComparer.Ordinal);
        _points = inputs.Clusters.ToDictionary(c => c.Name, c => c.Points, StringComparer.Ordinal);
        _bytes = inputs.Clusters.ToDictionary(c => c.Name, c => c.Bytes, StringComparer.Ordinal);
        _count = inputs.Clusters.ToDictionary(c => c.Name, _ => 0, StringComparer.Ordinal);
        Domains = [.. inputs.Domains.OrderBy(d => d.Library, StringComparer.Ordinal).ThenBy(d => d.DomainId, StringComparer.Ordinal)];
        _holders = Domains.ToDictionary(d => d, d => d.Holders.Distinct(StringComparer.Ordinal).ToList());
        _domainRate = Domains.ToDictionary(d => d, d => _holders[d].ToDictionary(h => h, d.Rate, StringComparer.Ordinal));
        foreach (var holder in _holders.Values.SelectMany(h => h).Where(_count.ContainsKey))
        {
            _count[holder]++;
        }

        var keeping = inputs.Clusters.Where(c => !c.Draining).ToList();
        _byFill = keeping.Count > 0 && keeping.All(c => c.CapacityPoints > 0 || c.CapacityBytes > 0);
    }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<PlanDomain> Domains { get; }

    public bool Known(string cluster) => _clusters.ContainsKey(cluster);

    public PlanCluster Cluster(string name) => _clusters[name];

    public double RateOf(string cluster) => _rate[cluster];

    public long PointsOf(string cluster) => _points[cluster];

    public int CountOf(string cluster) => _count[cluster];

    public double TotalRate() => _rate.Values.Sum();

    public IReadOnlyList<string> HoldersOf(PlanDomain domain) => _holders[domain];

    /// <summary>The query rate the copy of <paramref name="domain"/> on <paramref name="cluster"/> brings it.</summary>
    public double DomainRate(PlanDomain domain, string cluster) => _domainRate[domain].GetValueOrDefault(cluster);

    /// <summary>Domains that may move now: not migrating, not cooling down, not moved already in this plan.</summary>
    public IEnumerable<PlanDomain> Movable(IReadOnlySet<string> cooling) =>
        Domains.Where(d => !d.Migrating && !_moved.Contains(d) && !cooling.Contains(PlanLimits.Key(d.Library, d.DomainId)));

    /// <summary>
    /// True when <paramref name="target"/> may take a copy of <paramref name="domain"/>: not draining, not holding one
    /// already (replica anti-affinity), and with room for it under its capacity.
    /// </summary>
    public bool CanTake(string target, PlanDomain domain)
    {
        var cluster = _clusters[target];
        return !cluster.Draining
            && !_holders[domain].Contains(target, StringComparer.Ordinal)
            && (cluster.CapacityPoints <= 0 || _points[target] + domain.Points <= cluster.CapacityPoints)
            && (cluster.CapacityBytes <= 0 || _bytes[target] + domain.Bytes <= cluster.CapacityBytes);
    }

    /// <summary>Clusters whose p99 is above the mean p99 of the clusters that reported one.</summary>
    public IReadOnlySet<string> SlowClusters()
    {
        var reported = _clusters.Values.Where(c => c.LatencyP99Ms > 0).ToList();
        var mean = reported.Count > 0 ? reported.Average(c => c.LatencyP99Ms) : 0;
        return reported.Where(c => c.LatencyP99Ms > mean).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Moves one copy of <paramref name="domain"/> from <paramref name="from"/> to <paramref name="to"/>, its load and size
    /// with it. Applying the reverse undoes it (a trial); a domain applied an odd number of times counts as moved.
    /// </summary>
    public void Apply(PlanDomain domain, string from, string to)
    {
        var holders = _holders[domain];
        holders[holders.IndexOf(from)] = to;
        var rates = _domainRate[domain];
        var rate = rates.GetValueOrDefault(from);
        rates.Remove(from);
        rates[to] = rate;
        _rate[from] -= rate;
        _rate[to] += rate;
        _points[from] -= domain.Points;
        _points[to] += domain.Points;
        _bytes[from] -= domain.Bytes;
        _bytes[to] += domain.Bytes;
        _count[from]--;
        _count[to]++;
        if (!_moved.Remove(domain))
        {
            _moved.Add(domain);
        }
    }

    public BalanceMeasure Measure()
    {
        var keeping = Names.Where(n => !_clusters[n].Draining).ToList();
        var load = Spread.Of([.. keeping.Select(n => _rate[n])]);
        var size = Spread.Of([.. keeping.Select(n => _byFill ? Fill(n) : _points[n])]);
        var count = Spread.Of([.. keeping.Select(n => (double)_count[n])]);
        var draining = Names.Where(n => _clusters[n].Draining).Sum(n => _count[n]);
        return new BalanceMeasure(load.Cv, load.MaxOverMean, size.Cv, size.MaxOverMean, count.Cv, count.MaxOverMean, draining);
    }

    private double Fill(string name)
    {
        var c = _clusters[name];
        return Math.Max(
            c.CapacityPoints > 0 ? (double)_points[name] / c.CapacityPoints : 0,
            c.CapacityBytes > 0 ? (double)_bytes[name] / c.CapacityBytes : 0);
    }
}
