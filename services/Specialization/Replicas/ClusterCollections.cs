using System.Diagnostics.CodeAnalysis;
using MultiCluster.Clusters;

namespace MultiCluster.Specialization.Replicas;

/// <summary>The collections of every configured cluster, listed once for a whole sync or validation; a cluster that did not answer has none.</summary>
public sealed class ClusterCollections
{
    private readonly Dictionary<string, HashSet<string>> _byCluster = new(StringComparer.Ordinal);

    private ClusterCollections(ClusterSnapshot snapshot) => Snapshot = snapshot;

    public ClusterSnapshot Snapshot { get; }

    /// <summary>Clusters that did not answer, with why.</summary>
    public List<VectorClusterException> Failures { get; } = [];

    /// <summary>The clusters that answered and their collections, by cluster name.</summary>
    public IEnumerable<KeyValuePair<string, HashSet<string>>> Listed => _byCluster.OrderBy(c => c.Key, StringComparer.Ordinal);

    public static async Task<ClusterCollections> ListAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var collections = new ClusterCollections(snapshot);
        var listings = snapshot.Clusters.Select(async cluster =>
        {
            try
            {
                return (cluster.Name, (HashSet<string>?)(await cluster.ListCollectionsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal), (VectorClusterException?)null);
            }
            catch (VectorClusterException e)
            {
                return (cluster.Name, null, e);
            }
        });
        foreach (var (name, names, failure) in await Task.WhenAll(listings))
        {
            if (names is not null)
            {
                collections._byCluster[name] = names;
            }
            else
            {
                collections.Failures.Add(failure!);
            }
        }

        return collections;
    }

    /// <summary>True when the cluster answered; <paramref name="names"/> are then its collections.</summary>
    public bool TryGet(string cluster, [NotNullWhen(true)] out HashSet<string>? names) => _byCluster.TryGetValue(cluster, out names);

    /// <summary>True when some cluster that answered holds a collection "{library}__*".</summary>
    public bool AnyOf(string library) => _byCluster.Values.Any(names => names.Any(n => InLibrary(n, library)));

    public static bool InLibrary(string collection, string library) =>
        LibraryName.TrySplit(collection, out var owner, out _) && owner == library;
}
