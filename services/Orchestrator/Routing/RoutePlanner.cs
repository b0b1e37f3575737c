using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Orchestrator.Fanout;
using MultiCluster.Orchestrator.Snapshots;

namespace MultiCluster.Orchestrator.Routing;

/// <summary>
/// Routes one query of a library: checks the request's hints, gathers what <see cref="QueryRouter"/> reads (policy,
/// calibrated margin, "unassigned" presence, cluster conditions) and asks it.
/// </summary>
public sealed class RoutePlanner(
    LibraryPolicies policies,
    RoutingCalibrations calibrations,
    UnassignedPresence unassigned,
    ClusterConditions conditions,
    IClusterRegistry registry)
{
    public const int MaxDomains = 256;

    public async Task<(RoutePlan Plan, RoutingPolicy Policy, FusionConfig? Fusion)> PlanAsync(
        LibrarySnapshot snapshot, float[] vector, RoutingHints? hints, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        hints ??= new RoutingHints();
        Check(snapshot, hints, field);
        var (policy, fusion) = await policies.GetAsync(snapshot.Library.Name, cancellationToken);
        var request = new RouteRequest(
            snapshot, vector, hints, policy,
            calibrations.MarginFor(snapshot.Library.Name, snapshot.MapVersion, policy.RecallTarget),
            unassigned.HoldsPoints(snapshot),
            registry.DefaultCluster.Name);
        return (QueryRouter.Route(request, conditions.Of), policy, fusion);
    }

    private void Check(LibrarySnapshot snapshot, RoutingHints hints, string field)
    {
        if (hints.MaxDomains > MaxDomains)
        {
            throw OrchestratorException.Invalid($"{field}.max_domains: {hints.MaxDomains} is out of range; 1 to {MaxDomains}, or 0 to let the router choose.");
        }

        if (hints.MinDomainSimilarity is < -1 or > 1 || double.IsNaN(hints.MinDomainSimilarity))
        {
            throw OrchestratorException.Invalid($"{field}.min_domain_similarity: {hints.MinDomainSimilarity} is not a cosine similarity; give -1 to 1, or 0 for no floor.");
        }

        if (!Enum.IsDefined(hints.Strategy))
        {
            throw OrchestratorException.Invalid($"{field}.strategy: {(int)hints.Strategy} is not a routing strategy; use one of {string.Join(", ", Enum.GetNames<RoutingStrategy>())}.");
        }

        var known = (snapshot.Table?.Entries.Select(e => e.DomainId) ?? []).Append(LibraryName.Unassigned).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < hints.DomainIds.Count; i++)
        {
            if (!known.Contains(hints.DomainIds[i]))
            {
                throw OrchestratorException.NotFound(
                    $"{field}.domain_ids[{i}]: library {LibraryName.Quote(snapshot.Library.Name)} has no domain {LibraryName.Quote(hints.DomainIds[i])} at routing version {snapshot.RoutingVersion}; see GetLibraryStatus for its domains.");
            }
        }

        for (var i = 0; i < hints.Clusters.Count; i++)
        {
            if (!registry.TryGetCluster(hints.Clusters[i].Name, out _))
            {
                throw OrchestratorException.NotFound($"{field}.clusters[{i}].name: no cluster {LibraryName.Quote(hints.Clusters[i].Name)} is configured; see HealthCheckClusters for the names.");
            }
        }
    }
}
