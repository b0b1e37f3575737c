using MultiCluster.Clusters.Qdrant.Conversions;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.Clusters.Qdrant;

// Collections: qdrant.Collections Create, Update, Delete, Get, List.
public sealed partial class QdrantCluster
{
    public async Task CreateCollectionAsync(CollectionSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _validate.Spec(spec);
        var request = CollectionConversions.ToGrpc(spec);
        await _grpc.CallAsync(new QdrantCall("create collection", spec.Name, CallKind.Once), o => _channels.Grpc.Collections.CreateAsync(request, o), r => r.Result, cancellationToken);
    }

    public async Task UpdateCollectionAsync(string collection, CollectionUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        _validate.Update(collection, update);
        var request = CollectionConversions.ToGrpc(collection, update);

        // Idempotent: the same diff applied twice leaves the same settings.
        await _grpc.CallAsync(new QdrantCall("update collection", collection, CallKind.Idempotent), o => _channels.Grpc.Collections.UpdateAsync(request, o), r => r.Result, cancellationToken);
    }

    public Task<bool> DropCollectionAsync(string collection, CancellationToken cancellationToken = default)
    {
        _validate.Collection("drop collection", collection);
        var request = new G.DeleteCollection { CollectionName = collection };
        return _grpc.CallAsync(new QdrantCall("drop collection", collection, CallKind.Once), o => _channels.Grpc.Collections.DeleteAsync(request, o), r => r.Result, cancellationToken);
    }

    public Task<CollectionInfo> DescribeCollectionAsync(string collection, CancellationToken cancellationToken = default)
    {
        _validate.Collection("describe collection", collection);
        var request = new G.GetCollectionInfoRequest { CollectionName = collection };
        return _grpc.CallAsync(
            new QdrantCall("describe collection", collection, CallKind.Idempotent),
            o => _channels.Grpc.Collections.GetAsync(request, o),
            r => CollectionConversions.FromGrpc(collection, r.Result ?? throw new UnexpectedResponseException("a description without a result")),
            cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListCollectionsAsync(CancellationToken cancellationToken = default) =>
        ListCollectionsAsync(new QdrantCall("list collections", null, CallKind.Idempotent), cancellationToken);

    private Task<IReadOnlyList<string>> ListCollectionsAsync(QdrantCall call, CancellationToken cancellationToken) =>
        _grpc.CallAsync(call, o => _channels.Grpc.Collections.ListAsync(new G.ListCollectionsRequest(), o), r => (IReadOnlyList<string>)[.. r.Collections.Select(c => c.Name)], cancellationToken);
}
