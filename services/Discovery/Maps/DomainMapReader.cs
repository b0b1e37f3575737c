using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Storage;

namespace MultiCluster.Discovery.Maps;

/// <summary>Stored map versions by what a request names, with NOT_FOUND messages that say what exists.</summary>
public sealed class DomainMapReader(DiscoveryStore store)
{
    /// <summary>Version <paramref name="version"/> of the library; 0 means the latest (published only when <paramref name="latestPublished"/>).</summary>
    public async Task<DomainMap> GetAsync(string library, ulong version, bool latestPublished, CancellationToken cancellationToken)
    {
        if (version == 0)
        {
            return await store.GetLatestAsync(library, latestPublished, cancellationToken)
                ?? throw new DiscoveryNotFoundException(latestPublished
                    ? $"library: {LibraryName.Quote(library)} has no published domain map; run AnalyzeDomains (a map below the thresholds is stored unpublished: ask for its version)."
                    : $"library: {LibraryName.Quote(library)} has no domain map; run AnalyzeDomains first.");
        }

        return await store.GetVersionAsync(library, version, cancellationToken)
            ?? throw new DiscoveryNotFoundException(await MissingVersionMessageAsync(library, version, cancellationToken));
    }

    /// <summary>The map with centroids left out, when asked.</summary>
    public static DomainMap Shaped(DomainMap map, bool omitCentroids)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (!omitCentroids)
        {
            return map;
        }

        var light = map.Clone();
        foreach (var domain in light.Domains)
        {
            domain.Centroid.Clear();
        }

        return light;
    }

    private async Task<string> MissingVersionMessageAsync(string library, ulong version, CancellationToken cancellationToken)
    {
        var latest = await store.GetLatestAsync(library, publishedOnly: false, cancellationToken);
        return latest is null
            ? $"version: {LibraryName.Quote(library)} has no domain map, so no version {version}; run AnalyzeDomains first."
            : $"version: {LibraryName.Quote(library)} has no version {version}; its versions are 1..{latest.Version} (0 means the latest).";
    }
}
