using System.Collections.Immutable;

namespace MultiCluster.LocalCluster.Storage.Catalog;

/// <summary>
/// Every collection and alias at one moment. Immutable and swapped whole, so the hot path (resolving a name for a
/// search or an upsert) reads it without a lock and never sees an alias half-switched.
/// </summary>
internal sealed record CatalogState(
    ImmutableDictionary<string, VectorCollection> Collections,
    ImmutableDictionary<string, string> Aliases)
{
    public static CatalogState Empty { get; } = new(
        ImmutableDictionary.Create<string, VectorCollection>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal));

    /// <summary>The collection a name or alias denotes (an alias wins over a collection of the same name, as in Qdrant).</summary>
    public VectorCollection? Find(string nameOrAlias)
    {
        var name = Aliases.TryGetValue(nameOrAlias, out var target) ? target : nameOrAlias;
        return Collections.GetValueOrDefault(name);
    }
}
