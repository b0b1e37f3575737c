using System.Diagnostics;
using Grpc.Core;
using MultiCluster.LocalCluster.Hosting;
using MultiCluster.LocalCluster.Metrics;
using MultiCluster.LocalCluster.Storage;
using MultiCluster.LocalCluster.Storage.Catalog;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.LocalCluster.GrpcApi;

/// <summary>qdrant.Points: upsert, delete, get, scroll, count, search, search batch and the nearest form of query.</summary>
[BindServiceMethod(typeof(PointsService), nameof(BindService))]
public class PointsService(CollectionCatalog catalog, LocalClusterOptions options, ServerMetrics metrics)
{
    private const string Service = "qdrant.Points";

    public static void BindService(ServiceBinderBase binder, PointsService? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(QdrantMethods.Unary<G.UpsertPoints, G.PointsOperationResponse>(Service, nameof(Upsert)), service is null ? null : service.Upsert);
        binder.AddMethod(QdrantMethods.Unary<G.DeletePoints, G.PointsOperationResponse>(Service, nameof(Delete)), service is null ? null : service.Delete);
        binder.AddMethod(QdrantMethods.Unary<G.GetPoints, G.GetResponse>(Service, nameof(Get)), service is null ? null : service.Get);
        binder.AddMethod(QdrantMethods.Unary<G.ScrollPoints, G.ScrollResponse>(Service, nameof(Scroll)), service is null ? null : service.Scroll);
        binder.AddMethod(QdrantMethods.Unary<G.CountPoints, G.CountResponse>(Service, nameof(Count)), service is null ? null : service.Count);
        binder.AddMethod(QdrantMethods.Unary<G.SearchPoints, G.SearchResponse>(Service, nameof(Search)), service is null ? null : service.Search);
        binder.AddMethod(QdrantMethods.Unary<G.SearchBatchPoints, G.SearchBatchResponse>(Service, nameof(SearchBatch)), service is null ? null : service.SearchBatch);
        binder.AddMethod(QdrantMethods.Unary<G.QueryPoints, G.QueryResponse>(Service, nameof(Query)), service is null ? null : service.Query);
    }

    public virtual Task<G.PointsOperationResponse> Upsert(G.UpsertPoints request, ServerCallContext context)
    {
        var collection = catalog.Get(request.CollectionName);
        var update = collection.Upsert(GrpcRequests.Points(request, options.MaxBatch), request.HasWait && request.Wait);
        return Updated(update);
    }

    public virtual Task<G.PointsOperationResponse> Delete(G.DeletePoints request, ServerCallContext context)
    {
        var collection = catalog.Get(request.CollectionName);
        return Updated(collection.Delete(GrpcRequests.Selector(request.Points), request.HasWait && request.Wait));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "The method name is Qdrant's (qdrant.Collections/Get, qdrant.Points/Get); the binder finds handlers by it.")]
    public virtual Task<G.GetResponse> Get(G.GetPoints request, ServerCallContext context)
    {
        var collection = catalog.Get(request.CollectionName);
        var points = collection.Retrieve(GrpcRequests.Ids(request.Ids, "ids"), GrpcRequests.Payload(request.WithPayload, PayloadSelector.All), GrpcRequests.Vectors(request.WithVectors));
        return Task.FromResult(new G.GetResponse { Result = { points.Select(GrpcResponses.Point) } });
    }

    public virtual Task<G.ScrollResponse> Scroll(G.ScrollPoints request, ServerCallContext context)
    {
        var collection = catalog.Get(request.CollectionName);
        var page = collection.Scroll(GrpcRequests.Scroll(request));
        var response = new G.ScrollResponse { Result = { page.Points.Select(GrpcResponses.Point) } };
        if (page.NextOffset is { } next)
        {
            response.NextPageOffset = GrpcResponses.Id(next);
        }

        return Task.FromResult(response);
    }

    public virtual Task<G.CountResponse> Count(G.CountPoints request, ServerCallContext context)
    {
        var collection = catalog.Get(request.CollectionName);
        var count = collection.CountMatching(GrpcRequests.Filter(request.Filter, "filter"));
        return Task.FromResult(new G.CountResponse { Result = new G.CountResult { Count = (ulong)count } });
    }

    public virtual Task<G.SearchResponse> Search(G.SearchPoints request, ServerCallContext context)
    {
        var collection = catalog.Get(request.CollectionName);
        return Task.FromResult(new G.SearchResponse { Result = { Timed(collection, GrpcRequests.Search(request)) } });
    }

    public virtual Task<G.SearchBatchResponse> SearchBatch(G.SearchBatchPoints request, ServerCallContext context)
    {
        var collection = catalog.Get(request.CollectionName);
        var searches = request.SearchPoints.Select(GrpcRequests.Search).ToList();
        return Task.FromResult(new G.SearchBatchResponse { Result = { searches.Select(search => new G.BatchResult { Result = { Timed(collection, search) } }) } });
    }

    public virtual Task<G.QueryResponse> Query(G.QueryPoints request, ServerCallContext context)
    {
        var collection = catalog.Get(request.CollectionName);
        if (GrpcRequests.Query(request) is { } search)
        {
            return Task.FromResult(new G.QueryResponse { Result = { Timed(collection, search) } });
        }

        // No query: points in id order, scored 0, after the offset (as Qdrant answers it).
        var scroll = new ScrollRequest((int)Math.Min((request.HasLimit ? request.Limit : 10) + (request.HasOffset ? request.Offset : 0), int.MaxValue))
        {
            Filter = GrpcRequests.Filter(request.Filter, "filter"),
            WithPayload = GrpcRequests.Payload(request.WithPayload, PayloadSelector.None),
            WithVector = GrpcRequests.Vectors(request.WithVectors),
        };
        var points = collection.Scroll(scroll).Points.Skip((int)Math.Min(request.HasOffset ? request.Offset : 0, int.MaxValue));
        return Task.FromResult(new G.QueryResponse { Result = { points.Select(p => GrpcResponses.Hit(new Search.ScoredPoint(p.Id, 0, p.Payload, p.Vector))) } });
    }

    private IEnumerable<G.ScoredPoint> Timed(VectorCollection collection, Search.SearchRequest search)
    {
        var started = Stopwatch.GetTimestamp();
        var hits = collection.Search(search);
        metrics.SearchDuration.Observe(Stopwatch.GetElapsedTime(started));
        return hits.Select(GrpcResponses.Hit);
    }

    private static Task<G.PointsOperationResponse> Updated(UpdateResult update) =>
        Task.FromResult(new G.PointsOperationResponse { Result = GrpcResponses.Update(update) });
}
