using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Placement;

/// <summary>The checks of a PlanPlacements request (also the planning part of SpecializeCluster), each naming its field.</summary>
public static class PlanRequestValidator
{
    public static void Check(PlanPlacementsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckLibrary(request.Library);
        CheckStrategy("strategy", request.Strategy);
    }

    public static void CheckLibrary(string library)
    {
        if (!LibraryName.IsValid(library))
        {
            throw SpecializationException.Invalid(library.Length == 0
                ? "library: required; name the library to plan."
                : $"library: {LibraryName.Quote(library)} is not a library name (lowercase letters, digits, '_' and '-', at most 63 characters, no '__').");
        }
    }

    public static void CheckStrategy(string field, OptimizationStrategy strategy)
    {
        if (!System.Enum.IsDefined(strategy))
        {
            throw SpecializationException.Invalid($"{field}: {(int)strategy} is not an optimization strategy; use BALANCED, LATENCY, RECALL, MEMORY or THROUGHPUT, or leave it unset for the library's policy.");
        }
    }

    /// <summary>The clusters the request allows; null when it names none (every cluster).</summary>
    public static IReadOnlySet<string>? Candidates(PlanPlacementsRequest request, ClusterInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(inventory);
        for (var i = 0; i < request.Clusters.Count; i++)
        {
            Known($"clusters[{i}]", request.Clusters[i]?.Name ?? "", inventory);
        }

        return request.Clusters.Count == 0 ? null : request.Clusters.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Domain id to pinned cluster.</summary>
    public static IReadOnlyDictionary<string, string> Pins(PlanPlacementsRequest request, ClusterInventory inventory, IReadOnlySet<string>? candidates)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(inventory);
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Pins.Count; i++)
        {
            var pin = request.Pins[i];
            if (!LibraryName.IsValidDomainId(pin.DomainId) || pin.DomainId == LibraryName.Unassigned)
            {
                throw SpecializationException.Invalid(pin.DomainId.Length == 0
                    ? $"pins[{i}].domain_id: required; name the domain to pin."
                    : $"pins[{i}].domain_id: {LibraryName.Quote(pin.DomainId)} is not a domain id that can be pinned (\"unassigned\" always stays on the default cluster).");
            }

            var name = pin.Cluster?.Name ?? "";
            var cluster = Known($"pins[{i}].cluster", name, inventory);
            if (!pins.TryAdd(pin.DomainId, name))
            {
                throw SpecializationException.Invalid($"pins[{i}].domain_id: {pin.DomainId} is pinned twice; give each domain at most one pin.");
            }

            if (candidates is not null && !candidates.Contains(name))
            {
                throw SpecializationException.Invalid($"pins[{i}].cluster: {name} is not among the request's clusters; add it there or pin the domain elsewhere.");
            }

            if (cluster.Draining)
            {
                throw SpecializationException.Precondition($"pins[{i}].cluster: {name} is draining and takes no new domains; pin {pin.DomainId} elsewhere.");
            }
        }

        return pins;
    }

    /// <summary>Every pinned domain must be a domain of the map that holds points (not a parent of others).</summary>
    public static void PinnedDomains(PlanPlacementsRequest request, DomainMap map, IReadOnlyList<Domain> leaves)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(leaves);
        for (var i = 0; i < request.Pins.Count; i++)
        {
            var id = request.Pins[i].DomainId;
            if (!map.Domains.Any(d => d.DomainId == id))
            {
                throw SpecializationException.NotFound($"pins[{i}].domain_id: {id} is not a domain of map v{map.Version} of {map.Library}; see GetDomainMap for its domains.");
            }

            if (!leaves.Any(d => d.DomainId == id))
            {
                throw SpecializationException.Invalid($"pins[{i}].domain_id: {id} is a parent domain, whose points live in its children; pin the children instead.");
            }
        }
    }

    private static ClusterCapacity Known(string field, string name, ClusterInventory inventory)
    {
        if (name.Length == 0)
        {
            throw SpecializationException.Invalid($"{field}: the cluster name is required.");
        }

        return inventory.Clusters.FirstOrDefault(c => c.Name == name)
            ?? throw SpecializationException.NotFound($"{field}: no cluster named {LibraryName.Quote(name)} is configured; use one of {string.Join(", ", inventory.Clusters.Select(c => c.Name))}.");
    }
}
