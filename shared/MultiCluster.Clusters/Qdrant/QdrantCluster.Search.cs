using MultiCluster.Clusters.Qdrant.Conversions;
using G = Qdrant.Client.Grpc;

// Search and SearchBatch are deprecated in favour of Query, and served by every Qdrant 1.x.
#pragma warning disable CS0612

namespace MultiCluster.Clusters.Qdrant;

// Search: qdrant.Points Search and SearchBatch (Query is their successor; moving to it changes this file and
// SearchConversions only).
public sealed partial class QdrantCluster
{
    public Task<IReadOnlyList<ScoredPoint>> SearchAsync(string collection, SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _validate.Search("search", collection, request);
        var search = SearchConversions.ToGrpc(collection, request);
        return _grpc.CallAsync(new QdrantCall("search", collection, CallKind.Idempotent), o => _channels.Grpc.Points.SearchAsync(search, o), r => PointConversions.FromGrpc(r.Result), cancellationToken);
    }

    public Task<IReadOnlyList<IReadOnlyList<ScoredPoint>>> SearchBatchAsync(string collection, IReadOnlyList<SearchRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            _validate.Search("search batch", collection, request);
        }

        var batch = new G.SearchBatchPoints { CollectionName = collection, SearchPoints = { requests.Select(r => SearchConversions.ToGrpc(collection, r)) } };
        return _grpc.CallAsync(
            new QdrantCall("search batch", collection, CallKind.Idempotent),
            o => _channels.Grpc.Points.SearchBatchAsync(batch, o),
            r => r.Result.Count == requests.Count
                ? (IReadOnlyList<IReadOnlyList<ScoredPoint>>)[.. r.Result.Select(b => PointConversions.FromGrpc(b.Result))]
                : throw new UnexpectedResponseException($"{r.Result.Count} result lists for {requests.Count} searches"),
            cancellationToken);
    }
}
