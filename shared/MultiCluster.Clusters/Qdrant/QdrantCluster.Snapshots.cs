using System.Text;
using System.Text.Json.Nodes;
using MultiCluster.Clusters.Qdrant.Conversions;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.Clusters.Qdrant;

// Snapshots: qdrant.Snapshots Create and List over gRPC; the download URL handed to other clusters
// (GET /collections/{name}/snapshots/{snapshot}) and recovery from a URL (PUT .../snapshots/recover) are REST only.
public sealed partial class QdrantCluster
{
    public Task<SnapshotInfo> CreateSnapshotAsync(string collection, CancellationToken cancellationToken = default)
    {
        _validate.Collection("create snapshot", collection);
        var request = new G.CreateSnapshotRequest { CollectionName = collection };
        return _grpc.CallAsync(
            new QdrantCall("create snapshot", collection, CallKind.LongRunning),
            o => _channels.Grpc.Snapshots.CreateAsync(request, o),
            r => AdminConversions.FromGrpc(r.SnapshotDescription ?? throw new UnexpectedResponseException("a snapshot answer without its description")),
            cancellationToken);
    }

    public Task<IReadOnlyList<SnapshotInfo>> ListSnapshotsAsync(string collection, CancellationToken cancellationToken = default)
    {
        _validate.Collection("list snapshots", collection);
        var request = new G.ListSnapshotsRequest { CollectionName = collection };
        return _grpc.CallAsync(
            new QdrantCall("list snapshots", collection, CallKind.Idempotent),
            o => _channels.Grpc.Snapshots.ListAsync(request, o),
            r => (IReadOnlyList<SnapshotInfo>)[.. r.SnapshotDescriptions.Select(AdminConversions.FromGrpc)],
            cancellationToken);
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
        var body = new JsonObject { ["location"] = source.Location.AbsoluteUri };
        if (source.Checksum is not null)
        {
            body["checksum"] = source.Checksum;
        }

        if (source.ApiKey is not null)
        {
            body["api_key"] = source.ApiKey;
        }

        var call = new QdrantCall("recover snapshot", collection, CallKind.LongRunning);
        return _rest.SendAsync(
            call,
            HttpMethod.Put,
            CollectionPath(collection, "/snapshots/recover?wait=true"),
            Encoding.UTF8.GetBytes(body.ToJsonString()),
            async (response, token) => response.IsSuccessStatusCode ? true : throw await _errors.FromResponseAsync(call, response, token),
            cancellationToken);
    }
}
