using MultiCluster.Clusters.Qdrant.Conversions;
using MultiCluster.Clusters.Qdrant.Wire;

namespace MultiCluster.Clusters.Qdrant;

// Search: POST /points/search and /points/search/batch. Qdrant deprecated both in favour of /points/query (v1.10+)
// and dropped them from the OpenAPI document after v1.18, while its server still serves them; moving to
// /points/query changes this file and WireSearch.cs only.
public sealed partial class QdrantRestCluster
{
    public Task<IReadOnlyList<ScoredPoint>> SearchAsync(string collection, SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _validate.Search("search", collection, request);
        var body = Json(SearchConversions.ToWire(request), QdrantJsonContext.Default.WireSearchRequest);
        var call = new QdrantCall("search", HttpMethod.Post, CollectionPath(collection, "/points/search"), collection, CallKind.Idempotent, body);
        return _transport.SendAsync(call, QdrantJsonContext.Default.QdrantResponseListWireScoredPoint, PointConversions.FromWire, cancellationToken);
    }

    public Task<IReadOnlyList<IReadOnlyList<ScoredPoint>>> SearchBatchAsync(string collection, IReadOnlyList<SearchRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            _validate.Search("search batch", collection, request);
        }

        var body = Json(new WireSearchBatch { Searches = requests.Select(SearchConversions.ToWire).ToList() }, QdrantJsonContext.Default.WireSearchBatch);
        var call = new QdrantCall("search batch", HttpMethod.Post, CollectionPath(collection, "/points/search/batch"), collection, CallKind.Idempotent, body);
        return _transport.SendAsync(
            call,
            QdrantJsonContext.Default.QdrantResponseListListWireScoredPoint,
            results => results.Count == requests.Count
                ? (IReadOnlyList<IReadOnlyList<ScoredPoint>>)results.ConvertAll(PointConversions.FromWire)
                : throw new UnexpectedResponseException($"{results.Count} result lists for {requests.Count} searches"),
            cancellationToken);
    }
}
