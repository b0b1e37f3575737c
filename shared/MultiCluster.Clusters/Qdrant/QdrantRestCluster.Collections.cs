using MultiCluster.Clusters.Qdrant.Conversions;
using MultiCluster.Clusters.Qdrant.Wire;

namespace MultiCluster.Clusters.Qdrant;

// Collections: PUT/DELETE/GET /collections/{name}, GET /collections.
public sealed partial class QdrantRestCluster
{
    public async Task CreateCollectionAsync(CollectionSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _validate.Spec(spec);
        var body = Json(CollectionConversions.ToWire(spec), QdrantJsonContext.Default.WireCreateCollection);
        var call = new QdrantCall("create collection", HttpMethod.Put, CollectionPath(spec.Name), spec.Name, CallKind.Once, body);
        await _transport.SendAsync(call, QdrantJsonContext.Default.QdrantResponseBoolean, created => created, cancellationToken);
    }

    public Task<bool> DropCollectionAsync(string collection, CancellationToken cancellationToken = default)
    {
        _validate.Collection("drop collection", collection);
        var call = new QdrantCall("drop collection", HttpMethod.Delete, CollectionPath(collection), collection, CallKind.Once);
        return _transport.SendAsync(call, QdrantJsonContext.Default.QdrantResponseBoolean, dropped => dropped, cancellationToken);
    }

    public Task<CollectionInfo> DescribeCollectionAsync(string collection, CancellationToken cancellationToken = default)
    {
        _validate.Collection("describe collection", collection);
        var call = new QdrantCall("describe collection", HttpMethod.Get, CollectionPath(collection), collection, CallKind.Idempotent);
        return _transport.SendAsync(call, QdrantJsonContext.Default.QdrantResponseWireCollectionInfo, info => CollectionConversions.FromWire(collection, info), cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListCollectionsAsync(CancellationToken cancellationToken = default)
    {
        var call = new QdrantCall("list collections", HttpMethod.Get, "collections", null, CallKind.Idempotent);
        return _transport.SendAsync(call, QdrantJsonContext.Default.QdrantResponseWireCollectionList, list => (IReadOnlyList<string>)list.Collections.ConvertAll(c => c.Name), cancellationToken);
    }
}
