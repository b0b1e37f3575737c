namespace MultiCluster.Clusters;

/// <summary>
/// One vector cluster, as every service sees it. Storage of points in collections, exact counts, nearest-neighbour
/// search, aliases and snapshots; nothing about transports. Failures throw a <see cref="VectorClusterException"/>
/// subtype naming the cluster, the collection, what went wrong and what to do; cancellation throws
/// <see cref="OperationCanceledException"/>. Collection arguments may be aliases wherever the cluster resolves them
/// (every point operation and describe).
/// </summary>
public interface IVectorCluster
{
    /// <summary>Configured name of the cluster (e.g. "local-a").</summary>
    string Name { get; }

    /// <summary>Creates a collection; <see cref="CollectionAlreadyExistsException"/> when the name is taken.</summary>
    Task CreateCollectionAsync(CollectionSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Drops a collection and its points. True when it existed, false when there was nothing to drop.</summary>
    Task<bool> DropCollectionAsync(string collection, CancellationToken cancellationToken = default);

    /// <summary>Settings and size of a collection; <see cref="CollectionNotFoundException"/> when it does not exist.</summary>
    Task<CollectionInfo> DescribeCollectionAsync(string collection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes the settings of an existing collection; null fields of <paramref name="update"/> stay as they are. A change
    /// of HNSW or quantization rebuilds the index in the background (search stays available).
    /// <see cref="CollectionNotFoundException"/> when it does not exist, <see cref="InvalidClusterRequestException"/> when the cluster refuses a value.
    /// </summary>
    Task UpdateCollectionAsync(string collection, CollectionUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Names of all collections (aliases not included).</summary>
    Task<IReadOnlyList<string>> ListCollectionsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or replaces points by id (vector and payload replaced whole). Idempotent: writing the same points
    /// again leaves the same state. With <paramref name="wait"/> the call returns once the points are applied and
    /// visible to reads; without, once the cluster has accepted them.
    /// </summary>
    Task UpsertAsync(string collection, IReadOnlyList<PointRecord> points, bool wait = true, CancellationToken cancellationToken = default);

    /// <summary>Deletes points by id; ids that do not exist are ignored.</summary>
    Task DeleteAsync(string collection, IReadOnlyList<string> ids, bool wait = true, CancellationToken cancellationToken = default);

    /// <summary>Deletes every point matching the filter.</summary>
    Task DeleteByFilterAsync(string collection, Filter filter, bool wait = true, CancellationToken cancellationToken = default);

    /// <summary>Points by id, in no particular order; ids that do not exist are left out.</summary>
    Task<IReadOnlyList<PointRecord>> RetrieveAsync(string collection, IReadOnlyList<string> ids, bool withPayload = true, bool withVectors = true, CancellationToken cancellationToken = default);

    /// <summary>One page of points in id order; follow NextOffset until it is null to visit every point once.</summary>
    Task<ScrollPage> ScrollAsync(string collection, ScrollRequest request, CancellationToken cancellationToken = default);

    /// <summary>Exact number of points matching the filter (all points when null).</summary>
    Task<long> CountAsync(string collection, Filter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Nearest points to a vector, best first.</summary>
    Task<IReadOnlyList<ScoredPoint>> SearchAsync(string collection, SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Several searches in one round trip; one result list per request, in request order.</summary>
    Task<IReadOnlyList<IReadOnlyList<ScoredPoint>>> SearchBatchAsync(string collection, IReadOnlyList<SearchRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes <paramref name="aliasName"/> another name of <paramref name="collection"/>. The collection must exist and no
    /// collection may carry the alias's name; an existing alias of that name is re-pointed (as Qdrant does).
    /// </summary>
    Task CreateAliasAsync(string aliasName, string collection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Points <paramref name="aliasName"/> at <paramref name="collection"/>, whether or not it pointed elsewhere before,
    /// atomically: no reader sees the alias missing or half-switched.
    /// </summary>
    Task SwitchAliasAsync(string aliasName, string collection, CancellationToken cancellationToken = default);

    /// <summary>Removes an alias; removing one that does not exist is not an error.</summary>
    Task DeleteAliasAsync(string aliasName, CancellationToken cancellationToken = default);

    /// <summary>Every alias on the cluster.</summary>
    Task<IReadOnlyList<AliasInfo>> ListAliasesAsync(CancellationToken cancellationToken = default);

    /// <summary>Takes a snapshot of a collection and returns it once it is complete.</summary>
    Task<SnapshotInfo> CreateSnapshotAsync(string collection, CancellationToken cancellationToken = default);

    /// <summary>Snapshots of a collection stored on the cluster.</summary>
    Task<IReadOnlyList<SnapshotInfo>> ListSnapshotsAsync(string collection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Where another cluster can download one of this cluster's snapshots, with what it needs to do so (checksum,
    /// this cluster's API key). Pass it to the other cluster's <see cref="RecoverSnapshotAsync"/> to copy a collection.
    /// </summary>
    SnapshotSource GetSnapshotSource(string collection, SnapshotInfo snapshot);

    /// <summary>
    /// Replaces (or creates) <paramref name="collection"/> from a snapshot the cluster downloads from
    /// <paramref name="source"/> (an http(s) URL, or a file:// path on the cluster's machine).
    /// </summary>
    Task RecoverSnapshotAsync(string collection, SnapshotSource source, CancellationToken cancellationToken = default);

    /// <summary>Probes the cluster; reports problems in the result rather than throwing them.</summary>
    Task<ClusterHealth> CheckHealthAsync(CancellationToken cancellationToken = default);

    /// <summary>Collections, points and approximate bytes on the cluster.</summary>
    Task<ClusterStats> GetStatsAsync(CancellationToken cancellationToken = default);
}
