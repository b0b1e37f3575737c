using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Rebalancer.Storage;

namespace MultiCluster.Rebalancer.Analysis;

/// <summary>
/// AnalyzeLoadDistribution: every configured cluster read now (sizes, health), its load over the last
/// <see cref="RebalancerOptions.CurrentLoadWindow"/> summed over Orchestrators, the imbalance report, and the
/// busiest domains. A domain's primary is taken as the cluster serving most of its queries (the Rebalancer does not
/// read the routing table yet).
/// </summary>
public sealed class LoadDistribution(
    IClusterRegistry registry, LoadStore loads, ThresholdStore thresholds, ImbalanceAnalyzer analyzer, RebalancerOptions options, TimeProvider time)
{
    /// <summary>Domains listed as hottest, as the contract bounds them.</summary>
    private const int HottestListed = 20;

    public async Task<AnalyzeLoadDistributionResponse> AnalyzeAsync(string library, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(library);
        var now = time.GetUtcNow();
        var readingsTask = ClusterReading.ReadAllAsync(registry, cancellationToken);
        var current = (await loads.CurrentAsync(now - options.CurrentLoadWindow, cancellationToken)).ToDictionary(l => l.Cluster, StringComparer.Ordinal);
        var domainLoads = await loads.CurrentDomainsAsync(now - options.CurrentLoadWindow, cancellationToken);
        var readings = await readingsTask;
        if (library.Length > 0)
        {
            await RequireKnownAsync(library, readings, cancellationToken);
        }

        var known = readings.Select(r => r.Options.Name).ToHashSet(StringComparer.Ordinal);
        var domains = domainLoads.Where(d => known.Contains(d.Cluster) && (library.Length == 0 || d.Library == library))
            .Select(d => new DomainObservation(d.Cluster, d.Library, d.DomainId, d.QueryRate)).ToList();
        var observations = readings.Select(r => Observe(r, current.GetValueOrDefault(r.Options.Name))).ToList();
        var limits = await thresholds.CurrentAsync(cancellationToken);
        var report = analyzer.Analyze(observations, domains, limits);

        var response = new AnalyzeLoadDistributionResponse
        {
            SizeImbalance = report.Size.CoefficientOfVariation,
            LoadImbalance = report.Load.CoefficientOfVariation,
            ExceedsThresholds = report.ExceedsThresholds,
            Violations = { report.Violations },
            ComputedAt = Timestamp.FromDateTimeOffset(now),
        };
        var maxRate = Math.Max(observations.Max(o => (double?)o.RequestRate) ?? 0, double.Epsilon);
        foreach (var (reading, observation) in readings.Zip(observations))
        {
            response.Clusters.Add(Utilization(reading, observation, current.GetValueOrDefault(reading.Options.Name), domains, maxRate, limits));
        }

        response.HottestDomains.AddRange(Hottest(domains, readings));
        return response;
    }

    private async Task RequireKnownAsync(string library, IReadOnlyList<ClusterReading> readings, CancellationToken cancellationToken)
    {
        if (!LibraryName.IsValid(library))
        {
            throw RebalancerException.Invalid($"library: '{library}' is not a library name; use lowercase letters, digits, '-' and '_', or leave it empty for all libraries.");
        }

        var stored = readings.Any(r => r.Stats?.Collections.Any(c => LibraryName.TrySplit(c.Name, out var owner, out _) && owner == library) == true);
        if (!stored && !await loads.KnowsLibraryAsync(library, cancellationToken))
        {
            throw RebalancerException.NotFound($"library: no cluster stores library '{library}' and no load was reported for it; check the name (ListLibraries) or leave it empty for all libraries.");
        }
    }

    private static ClusterObservation Observe(ClusterReading reading, CurrentLoad? load) => new(
        reading.Options.Name, load?.RequestRate ?? 0, load?.LatencyP99Ms ?? 0, load?.ErrorRate ?? 0, reading.FillRatio,
        reading.Stats?.PointsCount ?? 0, reading.Stats is not null);

    private static ClusterUtilization Utilization(
        ClusterReading reading, ClusterObservation observation, CurrentLoad? load, List<DomainObservation> domains, double maxRate, RebalancingThresholds limits)
    {
        var name = reading.Options.Name;
        var utilization = new ClusterUtilization
        {
            Cluster = new ClusterRef { Name = name, Region = reading.Options.Region },
            PointCount = (ulong)(reading.Stats?.PointsCount ?? 0),
            SizeBytes = (ulong)(reading.Stats?.ApproximateBytes ?? 0),
            CapacityPoints = (ulong)Math.Max(0, reading.Options.CapacityPoints),
            CapacityBytes = (ulong)Math.Max(0, reading.Options.CapacityBytes),
            FillRatio = observation.FillRatio,
            Health = reading.Health,
            DomainCount = (uint)(reading.Stats?.Collections.Count(c => LibraryName.TrySplit(c.Name, out _, out _)) ?? 0),
            // Equal thirds: how full it is, its share of the busiest cluster's rate, its p99 against the threshold.
            LoadScore = (Math.Min(1, observation.FillRatio) + (observation.RequestRate / maxRate) + Math.Min(1, observation.LatencyP99Ms / limits.MaxLatencyP99Ms)) / 3,
        };
        if (load is not null)
        {
            utilization.Load = new ClusterLoad
            {
                Cluster = utilization.Cluster,
                RequestRatePerSecond = load.RequestRate,
                LatencyP99Ms = load.LatencyP99Ms,
                ErrorRate = load.ErrorRate,
                Domains =
                {
                    domains.Where(d => d.Cluster == name).OrderByDescending(d => d.QueryRate)
                        .Select(d => new DomainQueryLoad { Library = d.Library, DomainId = d.DomainId, QueryRatePerSecond = d.QueryRate }),
                },
            };
        }

        return utilization;
    }

    private static IEnumerable<DomainLoad> Hottest(List<DomainObservation> domains, IReadOnlyList<ClusterReading> readings) =>
        domains.GroupBy(d => (d.Library, d.DomainId))
            .Select(g => (g.Key, Rate: g.Sum(d => d.QueryRate), Primary: g.MaxBy(d => d.QueryRate)!.Cluster))
            .OrderByDescending(d => d.Rate).ThenBy(d => d.Key.Library, StringComparer.Ordinal).ThenBy(d => d.Key.DomainId, StringComparer.Ordinal)
            .Take(HottestListed)
            .Select(d =>
            {
                var reading = readings.First(r => r.Options.Name == d.Primary);
                var collection = LibraryName.Collection(d.Key.Library, d.Key.DomainId);
                return new DomainLoad
                {
                    Library = d.Key.Library,
                    DomainId = d.Key.DomainId,
                    Primary = new ClusterRef { Name = d.Primary, Region = reading.Options.Region },
                    RequestRatePerSecond = d.Rate,
                    PointCount = (ulong)(reading.Stats?.Collections.FirstOrDefault(c => c.Name == collection)?.PointsCount ?? 0),
                };
            });
}
