using MultiCluster.Clusters.Qdrant.Conversions;
using MultiCluster.Clusters.Qdrant.Wire;

namespace MultiCluster.Clusters.Qdrant;

// Points: PUT /points (upsert), POST /points/delete, POST /points (retrieve), POST /points/scroll, POST /points/count.
public sealed partial class QdrantRestCluster
{
    public async Task UpsertAsync(string collection, IReadOnlyList<PointRecord> points, bool wait = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        _validate.Points("upsert", collection, points);
        foreach (var batch in points.Chunk(MaxPointsPerRequest))
        {
            var body = Json(new WirePointsList { Points = batch.Select(PointConversions.ToWire).ToList() }, QdrantJsonContext.Default.WirePointsList);
            var call = new QdrantCall("upsert", HttpMethod.Put, CollectionPath(collection, "/points" + WaitQuery(wait)), collection, CallKind.Idempotent, body);
            await SendUpdateAsync(call, wait, cancellationToken);
        }
    }

    public Task DeleteAsync(string collection, IReadOnlyList<string> ids, bool wait = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        _validate.Ids("delete points", collection, ids);
        var body = Json(new WirePointsSelector { Points = ids.Select(PointConversions.ToWire).ToList() }, QdrantJsonContext.Default.WirePointsSelector);
        var call = new QdrantCall("delete points", HttpMethod.Post, CollectionPath(collection, "/points/delete" + WaitQuery(wait)), collection, CallKind.Idempotent, body);
        return SendUpdateAsync(call, wait, cancellationToken);
    }

    public Task DeleteByFilterAsync(string collection, Filter filter, bool wait = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _validate.Collection("delete points by filter", collection);
        _validate.Filter("delete points by filter", collection, filter);

        // An empty filter matches every point; Qdrant needs the filter key present, so send it as {} explicitly.
        var body = Json(new WirePointsSelector { Filter = FilterConversions.ToWire(filter) ?? new WireFilter() }, QdrantJsonContext.Default.WirePointsSelector);
        var call = new QdrantCall("delete points by filter", HttpMethod.Post, CollectionPath(collection, "/points/delete" + WaitQuery(wait)), collection, CallKind.Once, body);
        return SendUpdateAsync(call, wait, cancellationToken);
    }

    public Task<IReadOnlyList<PointRecord>> RetrieveAsync(string collection, IReadOnlyList<string> ids, bool withPayload = true, bool withVectors = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        _validate.Ids("retrieve points", collection, ids);
        var body = Json(new WirePointRequest { Ids = ids.Select(PointConversions.ToWire).ToList(), WithPayload = withPayload, WithVector = withVectors }, QdrantJsonContext.Default.WirePointRequest);
        var call = new QdrantCall("retrieve points", HttpMethod.Post, CollectionPath(collection, "/points"), collection, CallKind.Idempotent, body);
        return _transport.SendAsync(call, QdrantJsonContext.Default.QdrantResponseListWireRecord, records => (IReadOnlyList<PointRecord>)records.ConvertAll(PointConversions.FromWire), cancellationToken);
    }

    public Task<ScrollPage> ScrollAsync(string collection, ScrollRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _validate.Scroll("scroll", collection, request);
        var body = Json(SearchConversions.ToWire(request), QdrantJsonContext.Default.WireScrollRequest);
        var call = new QdrantCall("scroll", HttpMethod.Post, CollectionPath(collection, "/points/scroll"), collection, CallKind.Idempotent, body);
        return _transport.SendAsync(call, QdrantJsonContext.Default.QdrantResponseWireScrollResult, SearchConversions.FromWire, cancellationToken);
    }

    public Task<long> CountAsync(string collection, Filter? filter = null, CancellationToken cancellationToken = default)
    {
        _validate.Collection("count", collection);
        _validate.Filter("count", collection, filter);
        var body = Json(new WireCountRequest { Filter = FilterConversions.ToWire(filter), Exact = true }, QdrantJsonContext.Default.WireCountRequest);
        var call = new QdrantCall("count", HttpMethod.Post, CollectionPath(collection, "/points/count"), collection, CallKind.Idempotent, body);
        return _transport.SendAsync(call, QdrantJsonContext.Default.QdrantResponseWireCountResult, result => result.Count, cancellationToken);
    }

    // With wait=true Qdrant answers "completed", or "wait_timeout" when it gave up waiting (the write still lands).
    private Task<WireUpdateResult> SendUpdateAsync(QdrantCall call, bool wait, CancellationToken cancellationToken) =>
        _transport.SendAsync(
            call,
            QdrantJsonContext.Default.QdrantResponseWireUpdateResult,
            result => wait && result.Status == "wait_timeout" ? throw _errors.WaitTimedOut(call) : result,
            cancellationToken);
}
