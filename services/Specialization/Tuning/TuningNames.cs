using MultiCluster.Clusters;

namespace MultiCluster.Specialization.Tuning;

/// <summary>Checks of the names tuning requests carry, with messages that start with the request field.</summary>
public static class TuningNames
{
    public static void Library(string field, string library)
    {
        if (!LibraryName.IsValid(library ?? ""))
        {
            throw SpecializationException.Invalid($"{field}: {LibraryName.Quote(library ?? "")} is not a library name; use 1-63 lowercase letters, digits, '-' and '_' (no '__').");
        }
    }

    public static void Domain(string field, string domainId)
    {
        if (!LibraryName.IsValidDomainId(domainId ?? ""))
        {
            throw SpecializationException.Invalid($"{field}: {LibraryName.Quote(domainId ?? "")} is not a domain id; use the ids of the library's domain map (e.g. 'd0003') or 'unassigned'.");
        }
    }

    public static IVectorCluster Cluster(IClusterRegistry clusters, string field, string name)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        return clusters.TryGetCluster(name, out var cluster)
            ? cluster
            : throw SpecializationException.NotFound($"{field}: {LibraryName.Quote(name)} is not a configured cluster; use one of {string.Join(", ", clusters.Options.Select(o => o.Name))}.");
    }
}
