using MultiCluster.Clusters.Qdrant.Conversions;
using MultiCluster.Clusters.Qdrant.Wire;

namespace MultiCluster.Clusters.Qdrant;

// Snapshots: POST/GET /collections/{name}/snapshots, GET /collections/{name}/snapshots/{snapshot} (the download
// URL handed to other clusters), PUT /collections/{name}/snapshots/recover.
public sealed partial class QdrantRestCluster
{
    public Task<SnapshotInfo> CreateSnapshotAsync(string collection, CancellationToken cancellationToken = default)
    {
        _validate.Collection("create snapshot", collection);
        var call = new QdrantCall("create snapshot", HttpMethod.Post, CollectionPath(collection, "/snapshots?wait=true"), collection, CallKind.LongRunning);
        return _transport.SendAsync(call, QdrantJsonContext.Default.QdrantResponseWireSnapshotDescription, AdminConversions.FromWire, cancellationToken);
    }

    public Task<IReadOnlyList<SnapshotInfo>> ListSnapshotsAsync(string collection, CancellationToken cancellationToken = default)
    {
        _validate.Collection("list snapshots", collection);
        var call = new QdrantCall("list snapshots", HttpMethod.Get, CollectionPath(collection, "/snapshots"), collection, CallKind.Idempotent);
        return _transport.SendAsync(call, QdrantJsonContext.Default.QdrantResponseListWireSnapshotDescription, list => (IReadOnlyList<SnapshotInfo>)list.ConvertAll(AdminConversions.FromWire), cancellationToken);
    }

    public SnapshotSource GetSnapshotSource(string collection, SnapshotInfo snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _validate.Collection("locate snapshot", collection);
        var url = new Uri(_options.Url, CollectionPath(collection, "/snapshots/" + Uri.EscapeDataString(snapshot.Name)));
        return new SnapshotSource(url, snapshot.Checksum, _options.ApiKey);
    }

    public Task RecoverSnapshotAsync(string collection, SnapshotSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        _validate.Collection("recover snapshot", collection);
        var body = Json(new WireSnapshotRecover { Location = source.Location.AbsoluteUri, Checksum = source.Checksum, ApiKey = source.ApiKey }, QdrantJsonContext.Default.WireSnapshotRecover);
        var call = new QdrantCall("recover snapshot", HttpMethod.Put, CollectionPath(collection, "/snapshots/recover?wait=true"), collection, CallKind.LongRunning, body);
        return _transport.SendAsync(call, QdrantJsonContext.Default.QdrantResponseBoolean, recovered => recovered, cancellationToken);
    }
}
