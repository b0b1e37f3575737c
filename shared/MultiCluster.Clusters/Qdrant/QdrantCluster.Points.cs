using MultiCluster.Clusters.Qdrant.Conversions;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.Clusters.Qdrant;

// Points: qdrant.Points Upsert, Delete (by ids or filter), Get, Scroll, Count.
public sealed partial class QdrantCluster
{
    public async Task UpsertAsync(string collection, IReadOnlyList<PointRecord> points, bool wait = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        _validate.Points("upsert", collection, points);
        foreach (var batch in points.Chunk(MaxPointsPerRequest))
        {
            var request = new G.UpsertPoints { CollectionName = collection, Wait = wait, Points = { batch.Select(PointConversions.ToGrpc) } };
            await SendUpdateAsync(new QdrantCall("upsert", collection, CallKind.Idempotent), o => _channels.Grpc.Points.UpsertAsync(request, o), wait, cancellationToken);
        }
    }

    public Task DeleteAsync(string collection, IReadOnlyList<string> ids, bool wait = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        _validate.Ids("delete points", collection, ids);
        var request = new G.DeletePoints
        {
            CollectionName = collection,
            Wait = wait,
            Points = new G.PointsSelector { Points = new G.PointsIdsList { Ids = { ids.Select(PointConversions.ToGrpc) } } },
        };
        return SendUpdateAsync(new QdrantCall("delete points", collection, CallKind.Idempotent), o => _channels.Grpc.Points.DeleteAsync(request, o), wait, cancellationToken);
    }

    public Task DeleteByFilterAsync(string collection, Filter filter, bool wait = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _validate.Collection("delete points by filter", collection);
        _validate.Filter("delete points by filter", collection, filter);

        // An empty filter matches every point; the selector needs the filter present, so send it empty explicitly.
        var request = new G.DeletePoints
        {
            CollectionName = collection,
            Wait = wait,
            Points = new G.PointsSelector { Filter = FilterConversions.ToGrpcFilter(filter) },
        };
        return SendUpdateAsync(new QdrantCall("delete points by filter", collection, CallKind.Once), o => _channels.Grpc.Points.DeleteAsync(request, o), wait, cancellationToken);
    }

    public Task<IReadOnlyList<PointRecord>> RetrieveAsync(string collection, IReadOnlyList<string> ids, bool withPayload = true, bool withVectors = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        _validate.Ids("retrieve points", collection, ids);
        var request = new G.GetPoints
        {
            CollectionName = collection,
            Ids = { ids.Select(PointConversions.ToGrpc) },
            WithPayload = new G.WithPayloadSelector { Enable = withPayload },
            WithVectors = new G.WithVectorsSelector { Enable = withVectors },
        };
        return _grpc.CallAsync(
            new QdrantCall("retrieve points", collection, CallKind.Idempotent),
            o => _channels.Grpc.Points.GetAsync(request, o),
            r => (IReadOnlyList<PointRecord>)[.. r.Result.Select(PointConversions.FromGrpc)],
            cancellationToken);
    }

    public Task<ScrollPage> ScrollAsync(string collection, ScrollRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _validate.Scroll("scroll", collection, request);
        var scroll = SearchConversions.ToGrpc(collection, request);
        return _grpc.CallAsync(new QdrantCall("scroll", collection, CallKind.Idempotent), o => _channels.Grpc.Points.ScrollAsync(scroll, o), SearchConversions.FromGrpc, cancellationToken);
    }

    public Task<long> CountAsync(string collection, Filter? filter = null, CancellationToken cancellationToken = default)
    {
        _validate.Collection("count", collection);
        _validate.Filter("count", collection, filter);
        var request = new G.CountPoints { CollectionName = collection, Filter = FilterConversions.ToGrpc(filter), Exact = true };
        return _grpc.CallAsync(
            new QdrantCall("count", collection, CallKind.Idempotent),
            o => _channels.Grpc.Points.CountAsync(request, o),
            r => checked((long)(r.Result ?? throw new UnexpectedResponseException("a count without a result")).Count),
            cancellationToken);
    }

    // With wait Qdrant answers Completed, or WaitTimeout when it gave up waiting (the write still lands).
    private Task<G.UpdateResult> SendUpdateAsync(QdrantCall call, Func<Grpc.Core.CallOptions, Grpc.Core.AsyncUnaryCall<G.PointsOperationResponse>> send, bool wait, CancellationToken cancellationToken) =>
        _grpc.CallAsync(
            call,
            send,
            r => r.Result is not { } result
                ? throw new UnexpectedResponseException("an update without a result")
                : wait && result.Status == G.UpdateStatus.WaitTimeout ? throw _errors.WaitTimedOut(call) : result,
            cancellationToken);
}
