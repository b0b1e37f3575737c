using MultiCluster.Clusters;
using MultiCluster.Discovery.Domains;
using ContractDistance = MultiCluster.Contracts.V1.Distance;

namespace MultiCluster.Discovery.Libraries;

/// <summary>
/// Finds libraries on the configured clusters. A library has no registry of its own: it exists exactly when some
/// cluster holds a collection "{library}__{domain}", so the clusters are the only truth to ask. A cluster that does
/// not answer is left out (its part of the library is missing from counts and samples) rather than failing the call.
/// </summary>
public sealed partial class LibraryCatalog(IClusterRegistry clusters, ILogger<LibraryCatalog> logger)
{
    // A down cluster must not hold a call for its whole retry budget: answers come from the clusters that answer.
    private static readonly TimeSpan ClusterBudget = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The library named, with dimension and distance from one of its collections and the exact total of its points
    /// (each distinct collection counted once, even when replicated on several clusters).
    /// </summary>
    /// <exception cref="DiscoveryNotFoundException">No cluster holds a collection of the library.</exception>
    public async Task<LibraryInfo> GetAsync(string library, string field, CancellationToken cancellationToken)
    {
        var collections = await FindCollectionsAsync(library, cancellationToken);
        if (collections.Count == 0)
        {
            throw new DiscoveryNotFoundException(
                $"{field}: no library named {LibraryName.Quote(library)} on the configured clusters (no collection '{library}{LibraryName.Separator}…'); write points to it first.");
        }

        var first = collections[0];
        var info = await first.Cluster.DescribeCollectionAsync(first.Name, cancellationToken);
        var distinct = collections.GroupBy(c => c.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var counts = await Task.WhenAll(distinct.Select(c => CountAsync(c, cancellationToken)));
        var shape = new LibraryShape(library, info.Spec.VectorSize, ToContract(info.Spec.Distance), counts.Sum());
        return new LibraryInfo(shape, collections);
    }

    /// <summary>Every library on the clusters that answer, by name.</summary>
    public async Task<IReadOnlyList<string>> ListLibrariesAsync(CancellationToken cancellationToken)
    {
        var names = await ListAllAsync(cancellationToken);
        return names.SelectMany(n => n.Collections)
            .Select(c => c.IndexOf(LibraryName.Separator, StringComparison.Ordinal) is var at and > 0 ? c[..at] : null)
            .OfType<string>()
            .Where(LibraryName.IsValid)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static ContractDistance ToContract(Distance distance) => distance switch
    {
        Distance.Cosine => ContractDistance.Cosine,
        Distance.Dot => ContractDistance.Dot,
        Distance.Euclid => ContractDistance.Euclid,
        _ => ContractDistance.Unspecified,
    };

    private async Task<IReadOnlyList<LibraryPart>> FindCollectionsAsync(string library, CancellationToken cancellationToken)
    {
        var prefix = library + LibraryName.Separator;
        var listed = await ListAllAsync(cancellationToken);
        return listed
            .SelectMany(l => l.Collections.Where(c => c.StartsWith(prefix, StringComparison.Ordinal) && c.Length > prefix.Length)
                .Order(StringComparer.Ordinal)
                .Select(c => new LibraryPart(l.Cluster, c, c[prefix.Length..])))
            .ToList();
    }

    private async Task<(IVectorCluster Cluster, IReadOnlyList<string> Collections)[]> ListAllAsync(CancellationToken cancellationToken)
    {
        var snapshot = clusters.Current;
        return await Task.WhenAll(snapshot.Clusters.Select(async cluster => (cluster, await ListAsync(cluster, cancellationToken))));
    }

    private async Task<IReadOnlyList<string>> ListAsync(IVectorCluster cluster, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(ClusterBudget);
        try
        {
            return await cluster.ListCollectionsAsync(budget.Token);
        }
        catch (Exception e) when (e is VectorClusterException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogClusterSkipped(cluster.Name, e.Message);
            return [];
        }
    }

    private static async Task<long> CountAsync(LibraryPart collection, CancellationToken cancellationToken) =>
        await collection.Cluster.CountAsync(collection.Name, cancellationToken: cancellationToken);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Cluster {Cluster} left out of the library catalog: {Reason}")]
    private partial void LogClusterSkipped(string cluster, string reason);
}
