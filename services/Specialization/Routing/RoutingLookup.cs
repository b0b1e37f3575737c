using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Routing;

/// <summary>GetRoutingTable: one version of a library's routing table, or a refusal that says which versions there are.</summary>
public sealed class RoutingLookup(RoutingTableStore store)
{
    public async Task<RoutingTable> GetAsync(string library, ulong version, CancellationToken cancellationToken)
    {
        LibraryArgument.Check(library);
        if (await store.GetAsync(library, version, cancellationToken) is { } table)
        {
            return table;
        }

        var current = version == 0 ? null : await store.GetAsync(library, 0, cancellationToken);
        throw current is null
            ? SpecializationException.NotFound($"library: {LibraryName.Quote(library)} has no routing table yet; check the name, or plan and apply " +
                "its placements first (PlanPlacements, SpecializeCluster).")
            : SpecializationException.NotFound($"version: library {LibraryName.Quote(library)} has no routing version {version}; its versions are 1 to " +
                $"{current.Version} (0 asks for the current one).");
    }
}
