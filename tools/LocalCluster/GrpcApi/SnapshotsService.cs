using Grpc.Core;
using MultiCluster.LocalCluster.Storage;
using MultiCluster.LocalCluster.Storage.Catalog;
using MultiCluster.LocalCluster.Storage.Snapshots;
using G = Qdrant.Client.Grpc;

namespace MultiCluster.LocalCluster.GrpcApi;

/// <summary>qdrant.Snapshots: create, list and delete collection snapshots (download and recovery are REST only, as in Qdrant).</summary>
[BindServiceMethod(typeof(SnapshotsService), nameof(BindService))]
public class SnapshotsService(CollectionCatalog catalog, SnapshotStore snapshots)
{
    private const string Service = "qdrant.Snapshots";

    public static void BindService(ServiceBinderBase binder, SnapshotsService? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(QdrantMethods.Unary<G.CreateSnapshotRequest, G.CreateSnapshotResponse>(Service, nameof(Create)), service is null ? null : service.Create);
        binder.AddMethod(QdrantMethods.Unary<G.ListSnapshotsRequest, G.ListSnapshotsResponse>(Service, nameof(List)), service is null ? null : service.List);
        binder.AddMethod(QdrantMethods.Unary<G.DeleteSnapshotRequest, G.DeleteSnapshotResponse>(Service, nameof(Delete)), service is null ? null : service.Delete);
    }

    public virtual Task<G.CreateSnapshotResponse> Create(G.CreateSnapshotRequest request, ServerCallContext context) =>
        Task.FromResult(new G.CreateSnapshotResponse { SnapshotDescription = GrpcResponses.Snapshot(snapshots.Create(catalog.Get(request.CollectionName))) });

    public virtual Task<G.ListSnapshotsResponse> List(G.ListSnapshotsRequest request, ServerCallContext context) =>
        Task.FromResult(new G.ListSnapshotsResponse { SnapshotDescriptions = { snapshots.List(catalog.Get(request.CollectionName).Name).Select(GrpcResponses.Snapshot) } });

    public virtual Task<G.DeleteSnapshotResponse> Delete(G.DeleteSnapshotRequest request, ServerCallContext context)
    {
        if (!snapshots.Delete(request.CollectionName, request.SnapshotName))
        {
            throw StorageException.NotFound($"Snapshot {request.SnapshotName} not found");
        }

        return Task.FromResult(new G.DeleteSnapshotResponse());
    }
}
