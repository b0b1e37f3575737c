using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Specialization.Placement;

namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// OptimizeClusterConfig: every collection of the library on the clusters asked for, described, judged by
/// <see cref="ConfigAdvisor"/> against its size, its cluster's latest load and the strategy, and, when asked, changed
/// the way UpdateClusterConfiguration changes a copy (<see cref="CopyConfigurator"/>, placement and history included).
/// </summary>
public sealed partial class ConfigOptimizer(
    IClusterRegistry clusters,
    ClusterLoadStore loads,
    StrategySource strategies,
    SpecializationStore placements,
    CollectionConfigurator configurator,
    TimeProvider time,
    ILogger<ConfigOptimizer> logger)
{
    public async Task<IReadOnlyList<ConfigRecommendation>> OptimizeAsync(OptimizationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        TuningNames.Library("library", request.Library);
        foreach (var domain in request.DomainIds)
        {
            TuningNames.Domain("domain_ids", domain);
        }

        if (!Enum.IsDefined(request.Strategy))
        {
            throw SpecializationException.Invalid($"strategy: {(int)request.Strategy} is not an OptimizationStrategy; use BALANCED, LATENCY, RECALL, MEMORY or THROUGHPUT, or leave it unset for the library's policy.");
        }

        IReadOnlyList<IVectorCluster> targets = request.Cluster is { } only ? [TuningNames.Cluster(clusters, "cluster", only)] : clusters.All;
        var strategy = await strategies.ForAsync(request.Library, request.Strategy, cancellationToken);
        var copies = await FindCopiesAsync(request, targets, cancellationToken);
        var latest = await loads.LatestAsync(cancellationToken);
        var efByDomain = new Dictionary<string, uint>(StringComparer.Ordinal);
        var recommendations = new List<ConfigRecommendation>();
        foreach (var (cluster, domainId) in copies)
        {
            var collection = LibraryName.Collection(request.Library, domainId);
            if (!efByDomain.TryGetValue(domainId, out var ef))
            {
                ef = efByDomain[domainId] = (await placements.PlacementAsync(request.Library, domainId, cancellationToken))?.Settings?.HnswEf ?? 0;
            }

            CollectionInfo info;
            try
            {
                info = await cluster.DescribeCollectionAsync(collection, cancellationToken);
            }
            catch (VectorClusterException e)
            {
                LogSkipped(collection, cluster.Name, e.Message);
                continue;
            }

            var current = CollectionTuning.FromSpec(info.Spec, ef);
            var facts = new CollectionFacts(info.PointsCount, info.Spec.VectorSize, current, latest.GetValueOrDefault(cluster.Name));
            if (ConfigAdvisor.Recommend(facts, strategy) is not { } advice)
            {
                continue;
            }

            var recommendation = new ConfigRecommendation
            {
                DomainId = domainId,
                Cluster = new ClusterRef { Name = cluster.Name, Region = clusters.Options.FirstOrDefault(o => o.Name == cluster.Name)?.Region ?? "" },
                CollectionName = collection,
                Current = current,
                Recommended = advice.Recommended,
                Rationale = advice.Rationale,
                ExpectedLatencyChangePercent = advice.LatencyChangePercent,
                ExpectedMemoryChangePercent = advice.MemoryChangePercent,
            };
            if (request.Apply)
            {
                var started = time.GetUtcNow();
                var result = await CopyConfigurator.ApplyAsync(cluster, collection, advice.Recommended, advice.Fields, advice.Recommended.HnswEf, cancellationToken);
                await configurator.RecordAsync(request.Library, domainId, [result], $"{strategy.ToString().ToLowerInvariant()} tuning of {string.Join(", ", advice.Fields.Order(StringComparer.Ordinal))}", started, cancellationToken);
                recommendation.Applied = result.Error is null;
            }

            recommendations.Add(recommendation);
        }

        return recommendations;
    }

    /// <summary>Libraries with at least one collection on an answering cluster (what the schedule tunes).</summary>
    public async Task<IReadOnlyList<string>> LibrariesAsync(CancellationToken cancellationToken)
    {
        var libraries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var cluster in clusters.All)
        {
            try
            {
                foreach (var name in await cluster.ListCollectionsAsync(cancellationToken))
                {
                    if (LibraryName.TrySplit(name, out var library, out _) && LibraryName.IsValid(library))
                    {
                        libraries.Add(library);
                    }
                }
            }
            catch (VectorClusterException e)
            {
                LogSkipped("every collection", cluster.Name, e.Message);
            }
        }

        return [.. libraries];
    }

    private async Task<List<(IVectorCluster Cluster, string DomainId)>> FindCopiesAsync(OptimizationRequest request, IReadOnlyList<IVectorCluster> targets, CancellationToken cancellationToken)
    {
        var copies = new List<(IVectorCluster, string)>();
        var answered = new List<string>();
        foreach (var cluster in targets)
        {
            IReadOnlyList<string> names;
            try
            {
                names = await cluster.ListCollectionsAsync(cancellationToken);
            }
            catch (VectorClusterException e)
            {
                LogSkipped("every collection", cluster.Name, e.Message);
                continue;
            }

            answered.Add(cluster.Name);
            foreach (var name in names.Order(StringComparer.Ordinal))
            {
                if (LibraryName.TrySplit(name, out var library, out var domainId) && library == request.Library)
                {
                    copies.Add((cluster, domainId));
                }
            }
        }

        if (copies.Count == 0)
        {
            throw SpecializationException.NotFound($"library: '{request.Library}' has no collection on {(answered.Count == 0 ? "any answering cluster" : string.Join(", ", answered))}; check the name (and cluster), or ingest points first.");
        }

        var missing = request.DomainIds.Where(d => !copies.Any(c => c.Item2 == d)).ToList();
        if (missing.Count > 0)
        {
            throw SpecializationException.NotFound($"domain_ids: {string.Join(", ", missing.Select(m => $"'{m}'"))} {(missing.Count == 1 ? "has" : "have")} no collection of '{request.Library}' on {string.Join(", ", answered)}; GetClusterPerformanceMetrics lists the collections.");
        }

        return request.DomainIds.Count == 0 ? copies : [.. copies.Where(c => request.DomainIds.Contains(c.Item2, StringComparer.Ordinal))];
    }

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "Tuning skipped {Collection} on {Cluster}: {Reason}")]
    private partial void LogSkipped(string collection, string cluster, string reason);
}
